create type mood as enum ('sad', 'ok');
create table t (m mood default 'ok', ms mood[]);
