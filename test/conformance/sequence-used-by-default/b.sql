create sequence s;
create table t (id int default nextval('s'));
