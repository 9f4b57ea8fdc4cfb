create schema s;
