create schema app;
create table app.t (a int);
