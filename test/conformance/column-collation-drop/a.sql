create table t (v text collate "C");
