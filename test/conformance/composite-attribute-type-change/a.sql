create type pair as (a int);
