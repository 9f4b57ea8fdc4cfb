create sequence s;
grant usage, select on sequence s to dbalign_r1;
comment on sequence s is 'counter';
