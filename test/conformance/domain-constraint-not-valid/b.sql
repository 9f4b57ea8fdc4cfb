create domain d as int;
alter domain d add constraint c check (value > 0) not valid;
