create operator family my_fam using btree;
