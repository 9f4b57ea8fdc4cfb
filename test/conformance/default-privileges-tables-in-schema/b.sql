create schema s;
alter default privileges in schema s grant select on tables to dbalign_r1;
