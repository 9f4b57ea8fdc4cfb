create domain d as int constraint positive check (value > 0);
comment on constraint positive on domain d is 'only positive';
