create table t (id int);
security label on table t is 'system_u:object_r:sepgsql_table_t:s0';
