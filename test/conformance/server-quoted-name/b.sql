create foreign data wrapper w;
create server "Remote ""DB""" foreign data wrapper w options ("host name" 'x');
