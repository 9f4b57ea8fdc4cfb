create table parent (a int);
create table child () inherits (parent);
