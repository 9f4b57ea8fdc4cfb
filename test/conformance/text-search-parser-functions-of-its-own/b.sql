create schema prs;
create function prs.start(internal, integer) returns internal language internal strict as 'prsd_start';
create function prs.next(internal, internal, internal) returns internal language internal strict as 'prsd_nexttoken';
create function prs.finish(internal) returns void language internal strict as 'prsd_end';
create function prs.types(internal) returns internal language internal strict as 'prsd_lextype';
create text search parser prs."My Parser" (start = prs.start, gettoken = prs.next, end = prs.finish, lextypes = prs.types);
create text search configuration prs.cfg (parser = prs."My Parser");
alter text search configuration prs.cfg add mapping for asciiword with simple;
