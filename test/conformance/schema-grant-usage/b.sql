create schema s1;
grant usage on schema s1 to dbalign_r1;
