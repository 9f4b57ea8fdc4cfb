create extension dict_int;
create text search dictionary "Odd ""Ints""" (template = intdict_template, maxlen = 4, rejectlong = true);
