create table public.messages (id bigint primary key, body text);
