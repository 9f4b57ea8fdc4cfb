create extension dict_int;
create text search dictionary my_int (template = intdict_template, maxlen = 4, rejectlong = true);
