-- A schema's default privileges add to the global ones: one that grants the role its own
-- privilege is kept, and pg_dump shows it.
alter default privileges for role dbalign_r1 in schema public grant select on tables to dbalign_r1;
alter default privileges for role "Dbalign Role" in schema public grant usage on sequences to "Dbalign Role", dbalign_r2;
