create table p (id int primary key, k int not null unique);
create table ch (p int references p (id));
