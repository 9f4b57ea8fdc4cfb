create access method am2 type table handler heap_tableam_handler;
