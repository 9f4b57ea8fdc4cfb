create schema s1;
grant create on schema s1 to dbalign_r1 with grant option;
