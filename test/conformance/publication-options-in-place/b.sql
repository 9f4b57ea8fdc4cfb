create table a (id int primary key);
create publication p for table a with (publish = 'insert', publish_via_partition_root = true);
