create extension citext;
create cast (citext as xml) without function;
