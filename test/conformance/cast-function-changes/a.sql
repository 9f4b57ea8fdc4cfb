create type pair as (a int, b int);
create function pair_sum(pair) returns int language sql immutable as 'select ($1).a + ($1).b';
create function pair_first(pair) returns int language sql immutable as 'select ($1).a';
create cast (pair as int) with function pair_sum(pair);
