create text search dictionary my_ispell (template = ispell, dictfile = ispell_sample, afffile = ispell_sample);
