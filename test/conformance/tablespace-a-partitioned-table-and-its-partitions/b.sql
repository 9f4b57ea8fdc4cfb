create table events (id int, at date, primary key (id, at)) partition by range (at) tablespace "Dbalign Space";
create table events_2024 partition of events for values from ('2024-01-01') to ('2025-01-01') tablespace pg_default;
create table events_2025 partition of events for values from ('2025-01-01') to ('2026-01-01');
create index events_id on events (id) tablespace "Dbalign Space";
alter index events_2024_id_idx set tablespace pg_default;
insert into events values (1, '2024-05-01'), (2, '2024-06-01');
