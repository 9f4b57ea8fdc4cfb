create type pair as (a int, b int);
create cast (pair as text) with inout;
