create schema "Op S";
create operator family "Op S"."Int Fam" using btree;
create operator class "Op S"."Int Ops" for type int using btree family "Op S"."Int Fam" as operator 1 <, operator 2 <=, operator 3 =, operator 4 >=, operator 5 >, function 1 btint4cmp(int, int);
alter operator family "Op S"."Int Fam" using btree add operator 1 < (int, int8), operator 3 = (int, int8), function 1 btint48cmp(int, int8);
comment on operator family "Op S"."Int Fam" using btree is 'ints, across widths';
create operator class "Op S"."Point Box" for type point using gist as operator 1 << (point, point), function 1 gist_point_consistent(internal, point, smallint, oid, internal), function 2 gist_box_union(internal, internal), function 3 gist_point_compress(internal), function 5 gist_box_penalty(internal, internal, internal), function 6 gist_box_picksplit(internal, internal), function 7 gist_box_same(box, box, internal), storage box;
