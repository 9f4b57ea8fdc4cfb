create function valid_code(x varchar) returns boolean language sql immutable as 'select length(x) > 0';
create domain code as text check (valid_code(value));
