create table t ("A" int, "b c" text default 'x', """q""" int);
