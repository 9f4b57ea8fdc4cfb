create domain code as text collate "C" default 'x' not null constraint len check (length(value) < 10);
