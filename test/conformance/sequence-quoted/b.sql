create sequence "My Seq";
create table "t" ("id" bigint default nextval('"My Seq"'));
