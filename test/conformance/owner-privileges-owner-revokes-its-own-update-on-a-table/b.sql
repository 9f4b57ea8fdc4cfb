create table t (id int primary key, name text);
revoke update, delete on t from current_user;
