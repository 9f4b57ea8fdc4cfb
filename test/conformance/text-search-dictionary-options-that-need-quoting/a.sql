create text search template lex_only (lexize = dsimple_lexize);
create text search dictionary "Odd ""Options""" (template = lex_only, "My Opt" = 'it''s', n = 4);
