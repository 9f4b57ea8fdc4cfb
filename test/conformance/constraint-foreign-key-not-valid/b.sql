create table p (id int primary key);
create table ch (p int);
alter table ch add constraint fk foreign key (p) references p not valid;
