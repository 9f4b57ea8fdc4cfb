create table "T x" (id int primary key, v int);
alter table "T x" cluster on "T x_pkey";
