create schema app;
create type app.mood as enum ('ok', 'bad');
create domain app.email as text check (value like '%@%');
security label for dbalign_test on schema app is 'level 1';
security label for dbalign_test on type app.mood is 'shared';
