create table t (id int primary key, code text unique);
comment on index t_pkey is 'the key';
comment on index t_code_key is 'codes';
