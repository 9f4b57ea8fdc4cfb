create text search dictionary "French Stem" (template = snowball, language = french, stopwords = french);
