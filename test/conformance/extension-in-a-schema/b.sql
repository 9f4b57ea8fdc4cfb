create schema ext;
create extension citext with schema ext;
