create policy "Public read" on storage.objects for select using (bucket_id = 'public');
create policy "Users upload" on storage.objects for insert to authenticated with check (bucket_id = 'avatars' and auth.uid()::text = (storage.foldername(name))[1]);
