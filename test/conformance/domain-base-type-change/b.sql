create domain d as bigint;
