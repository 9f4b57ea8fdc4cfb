create type meters;
create function meters_in(cstring) returns meters language internal immutable strict as 'int4in';
create function meters_out(meters) returns cstring language internal immutable strict as 'int4out';
create function meters_recv(internal) returns meters language internal immutable strict as 'int4recv';
create function meters_send(meters) returns bytea language internal immutable strict as 'int4send';
create type meters (input = meters_in, output = meters_out, receive = meters_recv, send = meters_send, like = int4);
create table runs (id int primary key, distance meters);
insert into runs values (1, '42');
