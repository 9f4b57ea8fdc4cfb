create schema app;
create table public.other (a int);
