create operator family my_fam using btree;
alter operator family my_fam using btree add operator 1 < (int, int), operator 3 = (int, int), function 1 btint4cmp(int, int);
