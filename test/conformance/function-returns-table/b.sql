create function f(i int) returns table (a text, b int) language sql as $$ select $1::text, $1 $$;
