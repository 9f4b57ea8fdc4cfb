create type mood as enum ('sad', 'ok');
create operator class mood_ops default for type mood using hash as operator 1 = (anyenum, anyenum), function 1 hashenum(anyenum);
