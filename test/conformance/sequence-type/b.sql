create sequence s as integer;
