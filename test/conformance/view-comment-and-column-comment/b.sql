create table t (id int primary key, name text);
create view v as select id from t;
comment on view v is 'v';
comment on column v.id is 'the id';
