create subscription "My ""Sub""" connection 'host=192.0.2.1 port=5432 dbname=app user=replicator password=s3cret-pw' publication "Pub One" with (connect = false, slot_name = NONE);
