alter table auth.identities enable row level security;
alter table storage.buckets force row level security;
