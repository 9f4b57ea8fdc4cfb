create type pair as (a int, c date);
