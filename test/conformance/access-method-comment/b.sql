create access method heap2 type table handler heap_tableam_handler;
comment on access method heap2 is 'a second heap';
