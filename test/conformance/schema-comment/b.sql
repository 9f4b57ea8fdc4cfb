create schema s1;
comment on schema s1 is 'hello';
