create table "T" ("Id" int constraint "Check Me" check ("Id" > 0), constraint "P K" primary key ("Id"));
