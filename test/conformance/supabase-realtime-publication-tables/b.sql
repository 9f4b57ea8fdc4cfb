create table public.messages (id bigint primary key, body text);
alter publication supabase_realtime add table public.messages;
