create type mood as enum ('a', 'b');
create table t (m mood);
create view v as select m from t;
