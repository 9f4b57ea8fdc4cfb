create access method idx2 type index handler hashhandler;
create operator class int_ops2 default for type int using idx2 as operator 1 =, function 1 hashint4(int);
