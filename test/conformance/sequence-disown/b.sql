create table t (id int);
create sequence s;
