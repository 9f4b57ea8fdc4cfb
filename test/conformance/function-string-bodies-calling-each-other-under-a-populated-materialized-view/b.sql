create schema "Calc";
-- even() names odd() before it exists, as a dump loads it.
set check_function_bodies = off;
-- Mutual recursion through string bodies: neither call is a recorded dependency, and the order
-- the bodies suggest has a cycle, so the plan must fall back without a cycle warning.
create function "Calc".even(n int) returns boolean language sql immutable
  set search_path = "Calc"
  as 'select case when n = 0 then true else odd(n - 1) end';
create function "Calc".odd(n int) returns boolean language sql immutable
  set search_path = "Calc"
  as 'select case when n = 0 then false else even(n - 1) end';
-- Named unqualified through its SET search_path; the table it reads is created in this plan too.
create table "Calc"."Numbers" (n int primary key);
insert into "Calc"."Numbers" values (1), (2), (3);
create function "Calc".evens() returns bigint language plpgsql stable
  set search_path = "Calc"
  as $$ begin return (select count(*) from "Numbers" where even(n)); end $$;
-- Populated at once: evens(), "Numbers", even() and odd() must all exist by then.
create materialized view "Calc".aa_evens as select "Calc".evens() as n;
