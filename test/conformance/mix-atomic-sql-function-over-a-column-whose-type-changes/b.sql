create table t (a bigint);
create function n() returns bigint language sql begin atomic select count(a) from t; end;
