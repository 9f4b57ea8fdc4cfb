create table data (id int);
create view q as select * from data;
