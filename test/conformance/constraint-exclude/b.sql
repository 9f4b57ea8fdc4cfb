create extension btree_gist;
create table r (room int, during tsrange, exclude using gist (room with =, during with &&));
