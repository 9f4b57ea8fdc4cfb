create access method heap2 type table handler heap_tableam_handler;
