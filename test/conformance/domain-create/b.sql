create domain posint as int check (value > 0);
