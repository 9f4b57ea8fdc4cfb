create subscription sub connection 'host=192.0.2.2 port=6543 dbname=app user=replicator password=other-pw' publication p1 with (connect = false, slot_name = NONE);
