create collation mycoll (locale = 'C');
