create table t (v text default '1');
