create function my_cmp(a int, b int) returns int language sql immutable as 'select btint4cmp(a, b)';
create operator class my_int_ops for type int using btree as operator 1 <, operator 2 <=, operator 3 =, operator 4 >=, operator 5 >, function 1 my_cmp(int, int);
create table t (a int);
create index t_a on t (a my_int_ops);
