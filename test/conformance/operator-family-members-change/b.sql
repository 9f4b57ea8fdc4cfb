create function rev_cmp(int, int) returns int language sql immutable as 'select btint4cmp($2, $1)';
create operator family my_fam using btree;
alter operator family my_fam using btree add operator 1 > (int, int), operator 3 = (int, int), operator 1 < (int8, int8), function 1 rev_cmp(int, int);
