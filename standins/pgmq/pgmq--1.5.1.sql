-- dbalign stand-in for pgmq 1.5.1, the version Supabase images ship on
-- PostgreSQL 15 and 17 (1.4.4 stays installable, with the update to 1.5.1).
-- The real pgmq 1.x is itself plain SQL and PL/pgSQL: this file makes the same
-- catalog as 1.5.1 (pgmq.meta, the record types with `headers`, the functions
-- with their argument names, defaults and overloads) and the same queue tables
-- per queue (pgmq.q_<name> and its msg_id sequence, pgmq.a_<name>, members of
-- the extension), so queues work locally as on Supabase. drop_queue detaches
-- only what still belongs to the extension, as Supabase's after-create script
-- makes it.
\echo Use "CREATE EXTENSION pgmq" to load this file. \quit

CREATE TABLE pgmq.meta (
  queue_name varchar UNIQUE NOT NULL,
  is_partitioned boolean NOT NULL,
  is_unlogged boolean NOT NULL,
  created_at timestamp with time zone DEFAULT now() NOT NULL
);

GRANT USAGE ON SCHEMA pgmq TO pg_monitor;
GRANT SELECT ON ALL TABLES IN SCHEMA pgmq TO pg_monitor;
GRANT SELECT ON ALL SEQUENCES IN SCHEMA pgmq TO pg_monitor;
ALTER DEFAULT PRIVILEGES IN SCHEMA pgmq GRANT SELECT ON TABLES TO pg_monitor;
ALTER DEFAULT PRIVILEGES IN SCHEMA pgmq GRANT SELECT ON SEQUENCES TO pg_monitor;

CREATE TYPE pgmq.message_record AS (
  msg_id bigint,
  read_ct integer,
  enqueued_at timestamp with time zone,
  vt timestamp with time zone,
  message jsonb,
  headers jsonb
);

CREATE TYPE pgmq.queue_record AS (
  queue_name varchar,
  is_partitioned boolean,
  is_unlogged boolean,
  created_at timestamp with time zone
);

CREATE TYPE pgmq.metrics_result AS (
  queue_name text,
  queue_length bigint,
  newest_msg_age_sec int,
  oldest_msg_age_sec int,
  total_messages bigint,
  scrape_time timestamp with time zone,
  queue_visible_length bigint
);

CREATE FUNCTION pgmq.format_table_name(queue_name text, prefix text)
RETURNS text LANGUAGE plpgsql
AS $$
BEGIN
  IF queue_name ~ '\$|;|--|''' THEN
    RAISE EXCEPTION 'queue name contains invalid characters: $, ;, --, or \''';
  END IF;
  RETURN lower(prefix || '_' || queue_name);
END
$$;

CREATE FUNCTION pgmq.validate_queue_name(queue_name text)
RETURNS void LANGUAGE plpgsql
AS $$
BEGIN
  IF length(queue_name) >= 48 THEN
    RAISE EXCEPTION 'queue name is too long, maximum length is 48 characters';
  END IF;
END
$$;

CREATE FUNCTION pgmq._extension_exists(extension_name text)
RETURNS boolean LANGUAGE sql
AS $$ SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = extension_name) $$;

CREATE FUNCTION pgmq._belongs_to_pgmq(table_name text)
RETURNS boolean LANGUAGE plpgsql
AS $$
BEGIN
  RETURN EXISTS (
    SELECT 1 FROM pg_depend
    WHERE refobjid = (SELECT oid FROM pg_extension WHERE extname = 'pgmq')
      AND objid = (SELECT c.oid FROM pg_class c WHERE c.relname = table_name));
END
$$;

-- Queue and archive tables, shared by the logged and unlogged variants.
CREATE FUNCTION pgmq._standin_create_tables(queue_name text, unlogged boolean)
RETURNS void LANGUAGE plpgsql
AS $$
DECLARE
  qtable text := pgmq.format_table_name(queue_name, 'q');
  atable text := pgmq.format_table_name(queue_name, 'a');
BEGIN
  PERFORM pgmq.validate_queue_name(queue_name);
  EXECUTE format(
    'CREATE %s TABLE IF NOT EXISTS pgmq.%I (
       msg_id bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
       read_ct int DEFAULT 0 NOT NULL,
       enqueued_at timestamp with time zone DEFAULT now() NOT NULL,
       vt timestamp with time zone NOT NULL,
       message jsonb,
       headers jsonb)',
    CASE WHEN unlogged THEN 'UNLOGGED' ELSE '' END, qtable);
  EXECUTE format(
    'CREATE TABLE IF NOT EXISTS pgmq.%I (
       msg_id bigint PRIMARY KEY,
       read_ct int DEFAULT 0 NOT NULL,
       enqueued_at timestamp with time zone DEFAULT now() NOT NULL,
       archived_at timestamp with time zone DEFAULT now() NOT NULL,
       vt timestamp with time zone NOT NULL,
       message jsonb,
       headers jsonb)',
    atable);
  IF pgmq._extension_exists('pgmq') THEN
    IF NOT pgmq._belongs_to_pgmq(qtable) THEN
      EXECUTE format('ALTER EXTENSION pgmq ADD TABLE pgmq.%I', qtable);
      EXECUTE format('ALTER EXTENSION pgmq ADD SEQUENCE pgmq.%I', qtable || '_msg_id_seq');
    END IF;
    IF NOT pgmq._belongs_to_pgmq(atable) THEN
      EXECUTE format('ALTER EXTENSION pgmq ADD TABLE pgmq.%I', atable);
    END IF;
  END IF;
  EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON pgmq.%I (vt ASC)', qtable || '_vt_idx', qtable);
  EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON pgmq.%I (archived_at)', 'archived_at_idx_' || queue_name, atable);
  INSERT INTO pgmq.meta (queue_name, is_partitioned, is_unlogged)
  VALUES (queue_name, false, unlogged)
  ON CONFLICT DO NOTHING;
END
$$;

CREATE FUNCTION pgmq.create_non_partitioned(queue_name text)
RETURNS void LANGUAGE plpgsql
AS $$ BEGIN PERFORM pgmq._standin_create_tables(queue_name, false); END $$;

CREATE FUNCTION pgmq.create_unlogged(queue_name text)
RETURNS void LANGUAGE plpgsql
AS $$ BEGIN PERFORM pgmq._standin_create_tables(queue_name, true); END $$;

CREATE FUNCTION pgmq.create(queue_name text)
RETURNS void LANGUAGE plpgsql
AS $$ BEGIN PERFORM pgmq.create_non_partitioned(queue_name); END $$;

CREATE FUNCTION pgmq._get_pg_partman_schema()
RETURNS text LANGUAGE sql
AS $$ SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'pg_partman' $$;

CREATE FUNCTION pgmq._get_pg_partman_major_version()
RETURNS int LANGUAGE sql
AS $$ SELECT split_part(extversion, '.', 1)::int FROM pg_extension WHERE extname = 'pg_partman' $$;

CREATE FUNCTION pgmq._ensure_pg_partman_installed()
RETURNS void LANGUAGE plpgsql
AS $$
BEGIN
  IF NOT pgmq._extension_exists('pg_partman') THEN
    RAISE EXCEPTION 'pg_partman is required for partitioned queues';
  END IF;
END
$$;

CREATE FUNCTION pgmq._get_partition_col(partition_interval text)
RETURNS text LANGUAGE plpgsql
AS $$
DECLARE
  n integer;
BEGIN
  n := partition_interval::integer;
  RETURN 'msg_id';
EXCEPTION WHEN OTHERS THEN
  RETURN 'enqueued_at';
END
$$;

-- Partitioned queues are pg_partman's work; pg_partman is not available to
-- the embedded server, so after the same check as the real one this says so.
CREATE FUNCTION pgmq.create_partitioned(queue_name text, partition_interval text DEFAULT '10000', retention_interval text DEFAULT '100000')
RETURNS void LANGUAGE plpgsql
AS $$
BEGIN
  PERFORM pgmq.validate_queue_name(queue_name);
  PERFORM pgmq._ensure_pg_partman_installed();
  RAISE EXCEPTION 'pgmq (dbalign stand-in): partitioned queues are not supported'
    USING ERRCODE = 'feature_not_supported', HINT = 'Use pgmq.create() locally, or --shadow <url> to a server with the real pgmq and pg_partman.';
END
$$;

CREATE FUNCTION pgmq.convert_archive_partitioned(table_name text, partition_interval text DEFAULT '10000', retention_interval text DEFAULT '100000', leading_partition int DEFAULT 10)
RETURNS void LANGUAGE plpgsql
AS $$
BEGIN
  RAISE EXCEPTION 'pgmq (dbalign stand-in): partitioned archives are not supported'
    USING ERRCODE = 'feature_not_supported', HINT = 'Use --shadow <url> to a server with the real pgmq and pg_partman.';
END
$$;

-- send: the four-argument forms do the work, the others fill in no headers
-- and a delay of now.
CREATE FUNCTION pgmq.send(queue_name text, msg jsonb, headers jsonb, delay timestamp with time zone)
RETURNS SETOF bigint LANGUAGE plpgsql
AS $$
BEGIN
  RETURN QUERY EXECUTE format(
    'INSERT INTO pgmq.%I (vt, message, headers) VALUES ($2, $1, $3) RETURNING msg_id',
    pgmq.format_table_name(queue_name, 'q'))
  USING msg, delay, headers;
END
$$;

CREATE FUNCTION pgmq.send(queue_name text, msg jsonb, headers jsonb, delay integer)
RETURNS SETOF bigint LANGUAGE sql
AS $$ SELECT * FROM pgmq.send(queue_name, msg, headers, clock_timestamp() + make_interval(secs => delay)) $$;

CREATE FUNCTION pgmq.send(queue_name text, msg jsonb, delay timestamp with time zone)
RETURNS SETOF bigint LANGUAGE sql
AS $$ SELECT * FROM pgmq.send(queue_name, msg, NULL, delay) $$;

CREATE FUNCTION pgmq.send(queue_name text, msg jsonb, delay integer)
RETURNS SETOF bigint LANGUAGE sql
AS $$ SELECT * FROM pgmq.send(queue_name, msg, NULL, clock_timestamp() + make_interval(secs => delay)) $$;

CREATE FUNCTION pgmq.send(queue_name text, msg jsonb, headers jsonb)
RETURNS SETOF bigint LANGUAGE sql
AS $$ SELECT * FROM pgmq.send(queue_name, msg, headers, clock_timestamp()) $$;

CREATE FUNCTION pgmq.send(queue_name text, msg jsonb)
RETURNS SETOF bigint LANGUAGE sql
AS $$ SELECT * FROM pgmq.send(queue_name, msg, NULL, clock_timestamp()) $$;

-- send_batch: headers pair with messages by position.
CREATE FUNCTION pgmq.send_batch(queue_name text, msgs jsonb[], headers jsonb[], delay timestamp with time zone)
RETURNS SETOF bigint LANGUAGE plpgsql
AS $$
BEGIN
  RETURN QUERY EXECUTE format(
    'INSERT INTO pgmq.%I (vt, message, headers)
     SELECT $2, unnest($1), unnest(coalesce($3, ARRAY[]::jsonb[]))
     RETURNING msg_id',
    pgmq.format_table_name(queue_name, 'q'))
  USING msgs, delay, headers;
END
$$;

CREATE FUNCTION pgmq.send_batch(queue_name text, msgs jsonb[], headers jsonb[], delay integer)
RETURNS SETOF bigint LANGUAGE sql
AS $$ SELECT * FROM pgmq.send_batch(queue_name, msgs, headers, clock_timestamp() + make_interval(secs => delay)) $$;

CREATE FUNCTION pgmq.send_batch(queue_name text, msgs jsonb[], delay timestamp with time zone)
RETURNS SETOF bigint LANGUAGE sql
AS $$ SELECT * FROM pgmq.send_batch(queue_name, msgs, NULL, delay) $$;

CREATE FUNCTION pgmq.send_batch(queue_name text, msgs jsonb[], delay integer)
RETURNS SETOF bigint LANGUAGE sql
AS $$ SELECT * FROM pgmq.send_batch(queue_name, msgs, NULL, clock_timestamp() + make_interval(secs => delay)) $$;

CREATE FUNCTION pgmq.send_batch(queue_name text, msgs jsonb[], headers jsonb[])
RETURNS SETOF bigint LANGUAGE sql
AS $$ SELECT * FROM pgmq.send_batch(queue_name, msgs, headers, clock_timestamp()) $$;

CREATE FUNCTION pgmq.send_batch(queue_name text, msgs jsonb[])
RETURNS SETOF bigint LANGUAGE sql
AS $$ SELECT * FROM pgmq.send_batch(queue_name, msgs, NULL, clock_timestamp()) $$;

-- Takes up to qty visible messages, oldest first, whose message contains
-- `conditional` (all of them when it is '{}' or null), and hides them for vt seconds.
CREATE FUNCTION pgmq.read(queue_name text, vt integer, qty integer, conditional jsonb DEFAULT '{}')
RETURNS SETOF pgmq.message_record LANGUAGE plpgsql
AS $$
BEGIN
  RETURN QUERY EXECUTE format(
    'WITH picked AS (
       SELECT msg_id FROM pgmq.%1$I
       WHERE vt <= clock_timestamp() AND ($3 IS NULL OR $3 = ''{}''::jsonb OR message @> $3)
       ORDER BY msg_id
       LIMIT $1
       FOR UPDATE SKIP LOCKED)
     UPDATE pgmq.%1$I m
     SET vt = clock_timestamp() + $2, read_ct = read_ct + 1
     FROM picked
     WHERE m.msg_id = picked.msg_id
     RETURNING m.msg_id, m.read_ct, m.enqueued_at, m.vt, m.message, m.headers',
    pgmq.format_table_name(queue_name, 'q'))
  USING qty, make_interval(secs => vt), conditional;
END
$$;

CREATE FUNCTION pgmq.read_with_poll(queue_name text, vt integer, qty integer, max_poll_seconds integer DEFAULT 5, poll_interval_ms integer DEFAULT 100, conditional jsonb DEFAULT '{}')
RETURNS SETOF pgmq.message_record LANGUAGE plpgsql
AS $$
DECLARE
  stop_at timestamptz := clock_timestamp() + make_interval(secs => max_poll_seconds);
BEGIN
  LOOP
    IF clock_timestamp() >= stop_at THEN
      RETURN;
    END IF;
    RETURN QUERY SELECT * FROM pgmq.read(queue_name, vt, qty, conditional);
    IF FOUND THEN
      RETURN;
    END IF;
    PERFORM pg_sleep(poll_interval_ms::numeric / 1000);
  END LOOP;
END
$$;

CREATE FUNCTION pgmq.pop(queue_name text)
RETURNS SETOF pgmq.message_record LANGUAGE plpgsql
AS $$
BEGIN
  RETURN QUERY EXECUTE format(
    'WITH picked AS (
       SELECT msg_id FROM pgmq.%1$I
       WHERE vt <= clock_timestamp()
       ORDER BY msg_id
       LIMIT 1
       FOR UPDATE SKIP LOCKED)
     DELETE FROM pgmq.%1$I
     WHERE msg_id = (SELECT msg_id FROM picked)
     RETURNING msg_id, read_ct, enqueued_at, vt, message, headers',
    pgmq.format_table_name(queue_name, 'q'));
END
$$;

CREATE FUNCTION pgmq.set_vt(queue_name text, msg_id bigint, vt integer)
RETURNS SETOF pgmq.message_record LANGUAGE plpgsql
AS $$
BEGIN
  RETURN QUERY EXECUTE format(
    'UPDATE pgmq.%I SET vt = clock_timestamp() + $2 WHERE msg_id = $1
     RETURNING msg_id, read_ct, enqueued_at, vt, message, headers',
    pgmq.format_table_name(queue_name, 'q'))
  USING msg_id, make_interval(secs => vt);
END
$$;

CREATE FUNCTION pgmq.archive(queue_name text, msg_id bigint)
RETURNS boolean LANGUAGE plpgsql
AS $$
DECLARE
  moved bigint;
BEGIN
  EXECUTE format(
    'WITH gone AS (
       DELETE FROM pgmq.%I WHERE msg_id = $1
       RETURNING msg_id, vt, read_ct, enqueued_at, message, headers)
     INSERT INTO pgmq.%I (msg_id, vt, read_ct, enqueued_at, message, headers)
     SELECT msg_id, vt, read_ct, enqueued_at, message, headers FROM gone
     RETURNING msg_id',
    pgmq.format_table_name(queue_name, 'q'), pgmq.format_table_name(queue_name, 'a'))
  INTO moved USING msg_id;
  RETURN moved IS NOT NULL;
END
$$;

CREATE FUNCTION pgmq.archive(queue_name text, msg_ids bigint[])
RETURNS SETOF bigint LANGUAGE plpgsql
AS $$
BEGIN
  RETURN QUERY EXECUTE format(
    'WITH gone AS (
       DELETE FROM pgmq.%I WHERE msg_id = ANY($1)
       RETURNING msg_id, vt, read_ct, enqueued_at, message, headers)
     INSERT INTO pgmq.%I (msg_id, vt, read_ct, enqueued_at, message, headers)
     SELECT msg_id, vt, read_ct, enqueued_at, message, headers FROM gone
     RETURNING msg_id',
    pgmq.format_table_name(queue_name, 'q'), pgmq.format_table_name(queue_name, 'a'))
  USING msg_ids;
END
$$;

CREATE FUNCTION pgmq.delete(queue_name text, msg_id bigint)
RETURNS boolean LANGUAGE plpgsql
AS $$
DECLARE
  removed bigint;
BEGIN
  EXECUTE format('DELETE FROM pgmq.%I WHERE msg_id = $1 RETURNING msg_id', pgmq.format_table_name(queue_name, 'q'))
  INTO removed USING msg_id;
  RETURN removed IS NOT NULL;
END
$$;

CREATE FUNCTION pgmq.delete(queue_name text, msg_ids bigint[])
RETURNS SETOF bigint LANGUAGE plpgsql
AS $$
BEGIN
  RETURN QUERY EXECUTE format('DELETE FROM pgmq.%I WHERE msg_id = ANY($1) RETURNING msg_id', pgmq.format_table_name(queue_name, 'q'))
  USING msg_ids;
END
$$;

-- Counts the messages, then empties the queue with TRUNCATE, as 1.4.5+ does.
CREATE FUNCTION pgmq.purge_queue(queue_name text)
RETURNS bigint LANGUAGE plpgsql
AS $$
DECLARE
  qtable text := pgmq.format_table_name(queue_name, 'q');
  removed bigint;
BEGIN
  EXECUTE format('SELECT count(*) FROM pgmq.%I', qtable) INTO removed;
  EXECUTE format('TRUNCATE TABLE pgmq.%I', qtable);
  RETURN removed;
END
$$;

CREATE FUNCTION pgmq.detach_archive(queue_name text)
RETURNS void LANGUAGE plpgsql
AS $$
BEGIN
  IF pgmq._extension_exists('pgmq') THEN
    EXECUTE format('ALTER EXTENSION pgmq DROP TABLE pgmq.%I', pgmq.format_table_name(queue_name, 'a'));
  END IF;
END
$$;

-- Detaches from the extension only what still belongs to it (an archive
-- detached by detach_archive stays detached), then drops both tables.
CREATE FUNCTION pgmq.drop_queue(queue_name text)
RETURNS boolean LANGUAGE plpgsql
AS $$
DECLARE
  qtable text := pgmq.format_table_name(queue_name, 'q');
  atable text := pgmq.format_table_name(queue_name, 'a');
  partitioned boolean;
  member record;
BEGIN
  SELECT m.is_partitioned INTO partitioned FROM pgmq.meta m WHERE m.queue_name = drop_queue.queue_name;
  FOR member IN
    SELECT c.relname, c.relkind FROM pg_class c
    JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'
    JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'pgmq'
    WHERE c.relnamespace = 'pgmq'::regnamespace AND c.relname IN (qtable, qtable || '_msg_id_seq', atable)
  LOOP
    EXECUTE format('ALTER EXTENSION pgmq DROP %s pgmq.%I', CASE WHEN member.relkind = 'S' THEN 'SEQUENCE' ELSE 'TABLE' END, member.relname);
  END LOOP;
  EXECUTE format('DROP TABLE IF EXISTS pgmq.%I', qtable);
  EXECUTE format('DROP TABLE IF EXISTS pgmq.%I', atable);
  DELETE FROM pgmq.meta m WHERE m.queue_name = drop_queue.queue_name;
  IF partitioned THEN
    EXECUTE format('DELETE FROM %I.part_config WHERE parent_table IN (%L, %L)',
      pgmq._get_pg_partman_schema(), 'pgmq.' || qtable, 'pgmq.' || atable);
  END IF;
  RETURN true;
END
$$;

CREATE FUNCTION pgmq.drop_queue(queue_name text, partitioned boolean)
RETURNS boolean LANGUAGE plpgsql
AS $$
BEGIN
  RAISE WARNING 'drop_queue(queue_name, partitioned) is deprecated and will be removed in PGMQ v2.0. Use drop_queue(queue_name) instead';
  PERFORM pgmq.drop_queue(queue_name);
  RETURN true;
END
$$;

CREATE FUNCTION pgmq.metrics(queue_name text)
RETURNS pgmq.metrics_result LANGUAGE plpgsql
AS $$
DECLARE
  qtable text := pgmq.format_table_name(queue_name, 'q');
  result pgmq.metrics_result;
BEGIN
  EXECUTE format(
    'SELECT $1, count(*),
            EXTRACT(epoch FROM (now() - max(enqueued_at)))::int,
            EXTRACT(epoch FROM (now() - min(enqueued_at)))::int,
            (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM pgmq.%I),
            now(),
            count(*) FILTER (WHERE vt <= now())
     FROM pgmq.%I',
    qtable || '_msg_id_seq', qtable)
  INTO result USING queue_name;
  RETURN result;
END
$$;

CREATE FUNCTION pgmq.metrics_all()
RETURNS SETOF pgmq.metrics_result LANGUAGE plpgsql
AS $$
DECLARE
  q record;
BEGIN
  FOR q IN SELECT m.queue_name FROM pgmq.meta m LOOP
    RETURN NEXT pgmq.metrics(q.queue_name);
  END LOOP;
END
$$;

CREATE FUNCTION pgmq.list_queues()
RETURNS SETOF pgmq.queue_record LANGUAGE plpgsql
AS $$
BEGIN
  RETURN QUERY SELECT m.queue_name, m.is_partitioned, m.is_unlogged, m.created_at FROM pgmq.meta m;
END
$$;
