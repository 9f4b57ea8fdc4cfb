create table t (id int) with (fillfactor = 70);
