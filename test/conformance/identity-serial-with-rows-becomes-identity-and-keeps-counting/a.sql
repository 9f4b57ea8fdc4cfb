create table "Items" ("Id" serial primary key, v text);
insert into "Items" (v) select 'x' || g from generate_series(1, 20) g;
