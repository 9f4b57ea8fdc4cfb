create type mood as enum ('b', 'a');
create table t (m mood);
create view v as select m from t;
