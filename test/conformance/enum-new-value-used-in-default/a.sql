create type mood as enum ('sad');
create table t (m mood);
