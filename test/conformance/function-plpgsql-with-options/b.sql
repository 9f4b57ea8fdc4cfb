create function f(x int default 3, out y int, inout z text default 'a') language plpgsql security definer set search_path = public cost 10 as $$ begin y := x; end $$;
