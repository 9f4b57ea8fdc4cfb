create schema s;
alter default privileges in schema s grant select on tables to dbalign_r1;
create table s.t (a int);
revoke select on s.t from dbalign_r1;
