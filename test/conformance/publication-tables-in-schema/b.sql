create schema s;
create publication pub for tables in schema s;
