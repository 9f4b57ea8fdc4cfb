create collation mycoll (locale = 'C');
comment on collation mycoll is 'c';
