create table parent (a int);
create table child (a int, b int);
