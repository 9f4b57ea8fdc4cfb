create table p (k text) partition by list (k);
