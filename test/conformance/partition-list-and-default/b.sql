create table p (k text) partition by list (k);
create table p_a partition of p for values in ('a', 'b');
create table p_def partition of p default;
