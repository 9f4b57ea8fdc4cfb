alter default privileges grant usage on sequences to dbalign_r1;
alter default privileges grant usage on types to dbalign_r2;
