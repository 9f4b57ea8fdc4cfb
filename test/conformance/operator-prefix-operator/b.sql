create function shout(text) returns text language sql immutable as 'select upper($1)';
create operator !!! (rightarg = text, function = shout);
