create type r as range (subtype = int8);
