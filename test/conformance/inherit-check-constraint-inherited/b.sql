create table parent (a int check (a > 0));
create table child () inherits (parent);
