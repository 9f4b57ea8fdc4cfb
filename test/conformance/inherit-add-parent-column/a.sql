create table parent (a int);
create table child (b int) inherits (parent);
