create table p (d date) partition by range (d);
create table p1 partition of p for values from ('2020-01-01') to ('2021-01-01');
