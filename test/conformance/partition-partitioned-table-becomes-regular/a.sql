create table m (k int, v text) partition by list (k);
create table m1 partition of m for values in (1);
create table m2 partition of m for values in (2);
