create text search template lex_only (lexize = dsimple_lexize);
create text search dictionary "Odd ""Options""" (template = lex_only, n = 4, "My Opt" = E'a \\ b, c = ''d''', f = 1.5, w = word);
