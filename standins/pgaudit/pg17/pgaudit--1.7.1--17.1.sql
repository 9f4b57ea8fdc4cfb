-- dbalign stand-in for pgaudit 17.1 (Supabase's PostgreSQL 17 images): its
-- SQL objects are those of 1.7.1, so this update changes nothing but the
-- version CREATE EXTENSION records.
\echo Use "CREATE EXTENSION pgaudit" to load this file. \quit
