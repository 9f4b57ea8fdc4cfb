create table t (id int);
create sequence s owned by t.id;
