create table p (id int, d date) partition by range (d);
create index p_id on p (id);
