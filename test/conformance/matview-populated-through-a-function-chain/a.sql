create table readings (id int primary key, value numeric);
