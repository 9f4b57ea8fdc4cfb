create domain d as int constraint c check (value > 1);
