create table p (id int primary key, code text unique);
create table ch (code text references p (code) match full);
