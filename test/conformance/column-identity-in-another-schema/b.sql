create schema s;
create table s.t (id int generated always as identity (start with 5));
