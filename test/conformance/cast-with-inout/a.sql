create type pair as (a int, b int);
