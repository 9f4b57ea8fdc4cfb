create type floatrange as range (subtype = float8, subtype_diff = float8mi);
