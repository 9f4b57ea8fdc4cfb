create type pair as (a bigint);
