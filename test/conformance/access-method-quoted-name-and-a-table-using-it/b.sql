create access method "My Heap" type table handler heap_tableam_handler;
create table t (id int primary key, v text) using "My Heap";
