create schema "TS s";
create text search parser "TS s"."Parser ü" (start = prsd_start, gettoken = prsd_nexttoken, end = prsd_end, lextypes = prsd_lextype);
