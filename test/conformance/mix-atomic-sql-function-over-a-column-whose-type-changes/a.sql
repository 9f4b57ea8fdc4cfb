create table t (a int);
create function n() returns bigint language sql begin atomic select count(a) from t; end;
