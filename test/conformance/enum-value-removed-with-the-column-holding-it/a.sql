create type "Mood" as enum ('happy', 'sad', 'meh');
create table feelings (id int primary key, "currentMood" "Mood" not null default 'meh', moods "Mood"[]);
-- Rows hold the value the enum loses, in columns the table drops.
insert into feelings values (1, 'meh', '{meh,happy}');
