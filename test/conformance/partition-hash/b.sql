create table p (id int) partition by hash (id);
create table p0 partition of p for values with (modulus 2, remainder 0);
create table p1 partition of p for values with (modulus 2, remainder 1);
