create schema "Conv S";
create conversion "Conv S"."Latin 1 in" for 'LATIN1' to 'UTF8' from iso8859_1_to_utf8;
