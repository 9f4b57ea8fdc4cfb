create table t (v text, w int);
