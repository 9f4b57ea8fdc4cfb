create text search parser my_prs (start = prsd_start, gettoken = prsd_nexttoken, end = prsd_end, lextypes = prsd_lextype, headline = prsd_headline);
create text search configuration prs_cfg (parser = my_prs);
alter text search configuration prs_cfg add mapping for word, asciiword with simple;
