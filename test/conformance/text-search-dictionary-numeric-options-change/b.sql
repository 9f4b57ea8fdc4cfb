create extension dict_int;
create text search dictionary "Odd ""Ints""" (template = intdict_template, maxlen = 6, rejectlong = true, absval = 'true');
