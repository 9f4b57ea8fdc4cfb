revoke usage on schema public from public;
