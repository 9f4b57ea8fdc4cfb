create view v as select 1 as a;
