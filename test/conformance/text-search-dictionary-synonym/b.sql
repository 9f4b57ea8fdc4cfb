create text search dictionary my_syn (template = synonym, synonyms = synonym_sample, casesensitive = true);
