create table p1 (a int);
create table p2 (b int);
create table child (c int) inherits (p1, p2);
