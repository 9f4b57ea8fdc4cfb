create table m (k int, v text);
create table m1 (k int, v text);
create table m2 (k int, v text);
