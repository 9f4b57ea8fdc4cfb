create table t (id bigserial primary key);
