create table public.profiles (id uuid primary key references auth.users on delete cascade, name text);
alter table public.profiles enable row level security;
create policy "own profile" on public.profiles for all to authenticated using (auth.uid() = id) with check (auth.uid() = id);
grant select on public.profiles to anon;
