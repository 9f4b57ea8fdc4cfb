create domain d as int default 1 not null;
