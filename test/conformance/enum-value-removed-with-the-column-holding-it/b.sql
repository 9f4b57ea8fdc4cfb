create type "Mood" as enum ('happy', 'sad');
create table feelings (id int primary key);
insert into feelings values (1);
