create procedure p(a int) language plpgsql as $$ begin perform a; end $$;
