create procedure p(a int) language plpgsql as $$ begin perform a + 1; end $$;
revoke execute on procedure p(int) from public;
