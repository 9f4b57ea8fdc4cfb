do $$ begin execute format('alter default privileges revoke all on tables from %I', current_user); end $$;
