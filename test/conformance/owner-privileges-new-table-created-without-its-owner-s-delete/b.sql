create table "Audit Log" (id int primary key, note text);
revoke delete, truncate on "Audit Log" from current_user;
grant select on "Audit Log" to dbalign_r1;
