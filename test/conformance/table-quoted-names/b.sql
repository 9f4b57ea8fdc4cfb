create table "Weird ""Table"" name" ("select" int, "Upper Case" text, "ünïcödé" text, "a;b" int);
