create table events (id int, at date, primary key (id, at)) partition by range (at);
create table events_2024 partition of events for values from ('2024-01-01') to ('2025-01-01');
create index events_id on events (id);
insert into events values (1, '2024-05-01'), (2, '2024-06-01');
