create schema s1;
create schema s2;
create extension xml2 with schema s1;
