create table t (id int constraint c check (id > 0));
