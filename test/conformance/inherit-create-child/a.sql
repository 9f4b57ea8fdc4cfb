create table parent (a int);
