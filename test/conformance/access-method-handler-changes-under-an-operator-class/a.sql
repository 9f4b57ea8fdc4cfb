create access method idx2 type index handler bthandler;
create operator class int_ops2 default for type int using idx2 as operator 1 <, operator 2 <=, operator 3 =, operator 4 >=, operator 5 >, function 1 btint4cmp(int, int);
