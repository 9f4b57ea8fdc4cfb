create table p (id int, d date) partition by range (d);
