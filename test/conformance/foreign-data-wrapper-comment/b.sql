create foreign data wrapper w;
comment on foreign data wrapper w is 'nothing behind it';
