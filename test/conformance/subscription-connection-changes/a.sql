create subscription sub connection 'host=192.0.2.1 port=5432 dbname=app user=replicator password=s3cret-pw' publication p1 with (connect = false, slot_name = NONE);
