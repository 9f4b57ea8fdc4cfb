create table t (v int not null);
