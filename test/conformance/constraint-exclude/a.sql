create extension btree_gist;
create table r (room int, during tsrange);
