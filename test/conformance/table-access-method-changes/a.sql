create access method heap2 type table handler heap_tableam_handler;
create table t (id int primary key, v text) using heap2;
