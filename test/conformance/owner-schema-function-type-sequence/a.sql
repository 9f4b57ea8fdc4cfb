create schema s;
create function s.f() returns int language sql as 'select 1';
create type s.e as enum ('a');
create sequence s.q;
