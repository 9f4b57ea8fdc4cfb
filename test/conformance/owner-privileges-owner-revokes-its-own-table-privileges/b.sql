create table t (id int primary key, name text);
revoke all on t from current_user;
