-- A name reserved for a base type whose functions are not written yet.
create type "Later";
