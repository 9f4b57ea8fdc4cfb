create table t (v text);
