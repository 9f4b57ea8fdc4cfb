create table t_data (id int);
create view data as select * from t_data;
create view q as select * from data;
