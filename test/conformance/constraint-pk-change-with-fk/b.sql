create table p (id int not null unique, k int primary key);
create table ch (p int references p (k));
