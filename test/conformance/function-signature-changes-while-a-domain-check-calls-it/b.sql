create function valid_code(c varchar) returns boolean language sql immutable as $$select length(c) = 3$$;
create domain code as text check (valid_code(value));
create table t (c code);
