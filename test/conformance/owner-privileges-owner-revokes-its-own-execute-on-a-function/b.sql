create function f() returns int language sql as 'select 1';
revoke execute on function f() from current_user;
