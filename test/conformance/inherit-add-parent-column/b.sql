create table parent (a int, c text);
create table child (b int) inherits (parent);
