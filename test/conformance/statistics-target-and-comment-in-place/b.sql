create table "T" (a int, b int);
create statistics "S" (ndistinct, mcv) on a, b from "T";
alter statistics "S" set statistics 0;
comment on statistics "S" is 'kept, not gathered';
