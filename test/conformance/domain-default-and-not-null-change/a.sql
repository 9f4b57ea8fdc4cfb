create domain d as int;
