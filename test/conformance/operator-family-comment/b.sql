create operator family my_fam using btree;
comment on operator family my_fam using btree is 'f';
