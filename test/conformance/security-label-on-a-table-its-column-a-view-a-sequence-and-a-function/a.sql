create schema "Vault";
create table "Vault".secrets (id int primary key, "Token" text);
create sequence "Vault".ids;
create view "Vault".visible as select id from "Vault".secrets;
create materialized view "Vault".counted as select count(*) as n from "Vault".secrets;
create function "Vault".reveal(i int) returns text language sql stable as $$ select "Token" from "Vault".secrets where id = i $$;
insert into "Vault".secrets values (1, 't1');
