create text search dictionary my_thesaurus (template = thesaurus, dictfile = thesaurus_sample, dictionary = pg_catalog.english_stem);
