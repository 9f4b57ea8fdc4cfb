create domain d as int constraint positive check (value > 0);
