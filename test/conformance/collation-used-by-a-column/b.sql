create collation mycoll (locale = 'C');
create table t (v text collate mycoll);
