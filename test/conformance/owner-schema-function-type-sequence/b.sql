create schema s authorization dbalign_r1;
create function s.f() returns int language sql as 'select 1';
create type s.e as enum ('a');
create sequence s.q;
alter function s.f() owner to dbalign_r2;
alter type s.e owner to dbalign_r2;
alter sequence s.q owner to dbalign_r2;
