create schema s1;
