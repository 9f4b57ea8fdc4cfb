create type mood as enum ('a');
