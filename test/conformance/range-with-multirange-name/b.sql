create type r as range (subtype = int4, multirange_type_name = r_multi);
