create schema conv;
create function conv.latin1_to_utf8(integer, integer, cstring, internal, integer, boolean) returns integer language c strict as '$libdir/utf8_and_iso8859_1', 'iso8859_1_to_utf8';
create conversion conv."Mine" for 'LATIN1' to 'UTF8' from conv.latin1_to_utf8;
