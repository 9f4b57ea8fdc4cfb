create schema keep;
create schema skip;
create table skip.t (a int);
