create unlogged table t (id int);
