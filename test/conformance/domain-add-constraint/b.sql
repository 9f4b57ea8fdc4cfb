create domain d as int constraint pos check (value > 0);
