create operator family my_fam using btree;
alter operator family my_fam using btree owner to dbalign_r1;
