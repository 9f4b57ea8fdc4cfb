create table t (id int);
create function n() returns bigint language sql begin atomic select count(*) from t; end;
