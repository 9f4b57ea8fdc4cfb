create schema keep;
create schema skip;
create table keep.t (a int);
