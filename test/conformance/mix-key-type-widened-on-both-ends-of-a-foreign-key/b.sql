create table p (id bigint primary key);
create table ch (p bigint references p);
