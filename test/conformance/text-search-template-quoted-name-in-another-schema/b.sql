create schema "TS s";
create text search template "TS s"."Tmpl X" (lexize = dsimple_lexize);
