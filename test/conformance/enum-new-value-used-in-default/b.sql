create type mood as enum ('sad', 'happy');
create table t (m mood default 'happy');
