create table docs (id int, body text);
