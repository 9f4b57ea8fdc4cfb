create schema s1;
create table s1.t (a int);
create view s1.v as select * from s1.t;
