create table t (id int generated always as identity);
