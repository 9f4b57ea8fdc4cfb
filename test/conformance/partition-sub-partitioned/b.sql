create table p (d date, k int) partition by range (d);
create table p1 partition of p for values from ('2020-01-01') to ('2021-01-01') partition by list (k);
create table p1a partition of p1 for values in (1);
