create text search dictionary my_dict (template = synonym, synonyms = synonym_sample);
