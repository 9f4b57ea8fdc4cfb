create type mood as enum ('a');
comment on type mood is 'm';
revoke usage on type mood from public;
grant usage on type mood to dbalign_r1;
