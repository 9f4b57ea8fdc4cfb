create table p (id int primary key);
create table ch (p int references p);
