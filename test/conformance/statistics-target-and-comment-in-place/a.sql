create table "T" (a int, b int);
create statistics "S" (ndistinct, mcv) on a, b from "T";
