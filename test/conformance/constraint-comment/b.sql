create table t (id int constraint c check (id > 0));
comment on constraint c on t is 'positive';
