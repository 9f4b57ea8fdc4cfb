-- dbalign stand-in for timescaledb 2.16.1 (Apache 2 Edition), the version
-- Supabase's PostgreSQL 15 images ship. What migrations use of it:
-- create_hypertable (the classic form) leaves the table as TimescaleDB leaves
-- it (the time column NOT NULL, the default ("time" DESC) index unless a
-- one-column index on it exists, the ts_insert_blocker trigger), after the
-- same checks; time_bucket, every overload, computes TimescaleDB's buckets
-- (origin 2000-01-03, months from 2000-01-01). There are no chunks: rows stay
-- in the table itself, so queries give the same results, and what needs
-- TimescaleDB's engine raises an error naming the stand-in.
\echo Use "CREATE EXTENSION timescaledb" to load this file. \quit

DO $$
BEGIN
  IF current_setting('server_version_num')::int >= 170000 THEN
    RAISE EXCEPTION 'timescaledb (dbalign stand-in): Supabase offers timescaledb on its PostgreSQL 15 images only'
      USING ERRCODE = 'feature_not_supported', HINT = 'Set [db] major_version = 15 in supabase/config.toml, or drop timescaledb from the migrations.';
  END IF;
END
$$;

CREATE SCHEMA _timescaledb_functions;
GRANT USAGE ON SCHEMA _timescaledb_functions TO PUBLIC;

CREATE SEQUENCE _timescaledb_functions._standin_hypertable_id;

-- The trigger TimescaleDB puts on a hypertable's own table. Its engine sends
-- rows to chunks before the trigger could fire; the stand-in keeps them in the
-- table, so the trigger lets them through.
CREATE FUNCTION _timescaledb_functions.insert_blocker() RETURNS trigger
LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;

CREATE FUNCTION _timescaledb_functions.calculate_chunk_interval(dimension_id integer, dimension_coord bigint, chunk_target_size bigint)
RETURNS bigint LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'timescaledb (dbalign stand-in): adaptive chunking is not supported' USING ERRCODE = 'feature_not_supported';
END
$$;

-- Buckets on PostgreSQL's internal timestamp value (microseconds since
-- 2000-01-01): floor((value - shift) / period) * period + shift, the shift
-- reduced modulo the period as TimescaleDB's TMODULO does.
CREATE FUNCTION _timescaledb_functions._standin_bucket(period numeric, value numeric, shift numeric)
RETURNS numeric LANGUAGE plpgsql IMMUTABLE STRICT AS $$
BEGIN
  IF period <= 0 THEN
    RAISE EXCEPTION 'period must be greater than 0' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  shift := shift - trunc(shift / period) * period;
  RETURN floor((value - shift) / period) * period + shift;
END
$$;

CREATE FUNCTION _timescaledb_functions._standin_us(ts timestamp) RETURNS numeric
LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT extract(epoch FROM ts) * 1000000 - 946684800000000 $$;

CREATE FUNCTION _timescaledb_functions._standin_ts(us numeric) RETURNS timestamp
LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT timestamp '2000-01-01' + make_interval(days => floor(us / 86400000000)::int, secs => ((us - floor(us / 86400000000) * 86400000000) / 1000000)::float8)
$$;

-- The interval as microseconds; months do not convert.
CREATE FUNCTION _timescaledb_functions._standin_period(bucket_width interval) RETURNS numeric
LANGUAGE plpgsql IMMUTABLE STRICT AS $$
BEGIN
  IF extract(month FROM bucket_width) <> 0 OR extract(year FROM bucket_width) <> 0 THEN
    RAISE EXCEPTION 'interval defined in terms of month, year, century etc. not supported' USING ERRCODE = 'feature_not_supported';
  END IF;
  RETURN extract(epoch FROM bucket_width) * 1000000;
END
$$;

-- Month buckets count months from year 0 and start on the origin's day of month.
CREATE FUNCTION _timescaledb_functions._standin_month_bucket(bucket_width interval, d date, origin date)
RETURNS date LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
  months int := (extract(year FROM bucket_width) * 12 + extract(month FROM bucket_width))::int;
  n numeric;
BEGIN
  IF extract(day FROM bucket_width) <> 0 OR extract(epoch FROM bucket_width) <> extract(epoch FROM make_interval(months => months)) THEN
    RAISE EXCEPTION 'month intervals cannot have day or time component' USING ERRCODE = 'feature_not_supported';
  END IF;
  n := _timescaledb_functions._standin_bucket(months, extract(year FROM d) * 12 + extract(month FROM d) - 1,
                                              extract(year FROM origin) * 12 + extract(month FROM origin) - 1);
  RETURN make_date(floor(n / 12)::int, (n - floor(n / 12) * 12)::int + 1, extract(day FROM origin)::int);
END
$$;

CREATE FUNCTION _timescaledb_functions._standin_ts_bucket(bucket_width interval, ts timestamp, origin timestamp, origin_given boolean)
RETURNS timestamp LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  IF bucket_width IS NULL OR ts IS NULL OR origin IS NULL THEN
    RETURN NULL;
  END IF;
  IF NOT isfinite(ts) THEN
    RETURN ts;
  END IF;
  IF extract(month FROM bucket_width) <> 0 OR extract(year FROM bucket_width) <> 0 THEN
    RETURN _timescaledb_functions._standin_month_bucket(bucket_width, ts::date, CASE WHEN origin_given THEN origin::date ELSE date '2000-01-01' END)::timestamp;
  END IF;
  RETURN _timescaledb_functions._standin_ts(_timescaledb_functions._standin_bucket(
    _timescaledb_functions._standin_period(bucket_width), _timescaledb_functions._standin_us(ts), _timescaledb_functions._standin_us(origin)));
END
$$;

CREATE FUNCTION time_bucket(bucket_width interval, ts timestamp) RETURNS timestamp
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT _timescaledb_functions._standin_ts_bucket(bucket_width, ts, timestamp '2000-01-03', false) $$;

-- A timestamptz is bucketed on its UTC value, as TimescaleDB does.
CREATE FUNCTION time_bucket(bucket_width interval, ts timestamptz) RETURNS timestamptz
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT _timescaledb_functions._standin_ts_bucket(bucket_width, ts AT TIME ZONE 'UTC', timestamp '2000-01-03', false) AT TIME ZONE 'UTC' $$;

CREATE FUNCTION time_bucket(bucket_width interval, ts date) RETURNS date
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT AS $$
DECLARE
  period numeric;
BEGIN
  IF NOT isfinite(ts) THEN
    RETURN ts;
  END IF;
  IF extract(month FROM bucket_width) <> 0 OR extract(year FROM bucket_width) <> 0 THEN
    RETURN _timescaledb_functions._standin_month_bucket(bucket_width, ts, date '2000-01-01');
  END IF;
  period := _timescaledb_functions._standin_period(bucket_width);
  IF period < 86400000000 THEN
    RAISE EXCEPTION 'interval must not have sub-day precision' USING ERRCODE = 'feature_not_supported';
  ELSIF period % 86400000000 <> 0 THEN
    RAISE EXCEPTION 'interval must be a multiple of a day' USING ERRCODE = 'feature_not_supported';
  END IF;
  RETURN _timescaledb_functions._standin_ts(_timescaledb_functions._standin_bucket(period, _timescaledb_functions._standin_us(ts::timestamp), _timescaledb_functions._standin_us(timestamp '2000-01-03')))::date;
END
$$;

CREATE FUNCTION time_bucket(bucket_width interval, ts timestamp, origin timestamp) RETURNS timestamp
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT _timescaledb_functions._standin_ts_bucket(bucket_width, ts, origin, true) $$;

CREATE FUNCTION time_bucket(bucket_width interval, ts timestamptz, origin timestamptz) RETURNS timestamptz
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT _timescaledb_functions._standin_ts_bucket(bucket_width, ts AT TIME ZONE 'UTC', origin AT TIME ZONE 'UTC', true) AT TIME ZONE 'UTC' $$;

CREATE FUNCTION time_bucket(bucket_width interval, ts date, origin date) RETURNS date
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT AS $$
DECLARE
  period numeric;
BEGIN
  IF NOT isfinite(ts) THEN
    RETURN ts;
  END IF;
  IF extract(month FROM bucket_width) <> 0 OR extract(year FROM bucket_width) <> 0 THEN
    RETURN _timescaledb_functions._standin_month_bucket(bucket_width, ts, origin);
  END IF;
  period := _timescaledb_functions._standin_period(bucket_width);
  IF period < 86400000000 THEN
    RAISE EXCEPTION 'interval must not have sub-day precision' USING ERRCODE = 'feature_not_supported';
  ELSIF period % 86400000000 <> 0 THEN
    RAISE EXCEPTION 'interval must be a multiple of a day' USING ERRCODE = 'feature_not_supported';
  END IF;
  RETURN _timescaledb_functions._standin_ts(_timescaledb_functions._standin_bucket(period, _timescaledb_functions._standin_us(ts::timestamp), _timescaledb_functions._standin_us(origin::timestamp)))::date;
END
$$;

CREATE FUNCTION time_bucket(bucket_width interval, ts timestamp, "offset" interval) RETURNS timestamp
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT CASE WHEN isfinite(ts) THEN _timescaledb_functions._standin_ts_bucket(bucket_width, ts - "offset", timestamp '2000-01-03', false) + "offset" ELSE ts END $$;

CREATE FUNCTION time_bucket(bucket_width interval, ts timestamptz, "offset" interval) RETURNS timestamptz
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT CASE WHEN isfinite(ts) THEN (_timescaledb_functions._standin_ts_bucket(bucket_width, (ts - "offset") AT TIME ZONE 'UTC', timestamp '2000-01-03', false) AT TIME ZONE 'UTC') + "offset" ELSE ts END $$;

CREATE FUNCTION time_bucket(bucket_width interval, ts date, "offset" interval) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT CASE WHEN isfinite(ts) THEN (@extschema@.time_bucket(bucket_width, (ts - "offset")::date) + "offset")::date ELSE ts END $$;

-- In a time zone: bucket the local time there, then read it back as that zone's time.
CREATE FUNCTION time_bucket(bucket_width interval, ts timestamptz, timezone text, origin timestamptz DEFAULT NULL, "offset" interval DEFAULT NULL)
RETURNS timestamptz LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  local timestamp;
BEGIN
  IF bucket_width IS NULL OR ts IS NULL OR timezone IS NULL THEN
    RETURN NULL;
  END IF;
  local := ts AT TIME ZONE timezone;
  IF "offset" IS NOT NULL THEN
    local := local - "offset";
  END IF;
  IF NOT isfinite(local) THEN
    RETURN ts;
  END IF;
  local := _timescaledb_functions._standin_ts_bucket(bucket_width, local,
             coalesce(origin AT TIME ZONE timezone, timestamp '2000-01-03'), origin IS NOT NULL);
  IF "offset" IS NOT NULL THEN
    local := local + "offset";
  END IF;
  RETURN local AT TIME ZONE timezone;
END
$$;

CREATE FUNCTION time_bucket(bucket_width smallint, ts smallint) RETURNS smallint
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$ SELECT _timescaledb_functions._standin_bucket(bucket_width, ts, 0)::smallint $$;

CREATE FUNCTION time_bucket(bucket_width integer, ts integer) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$ SELECT _timescaledb_functions._standin_bucket(bucket_width, ts, 0)::integer $$;

CREATE FUNCTION time_bucket(bucket_width bigint, ts bigint) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$ SELECT _timescaledb_functions._standin_bucket(bucket_width, ts, 0)::bigint $$;

CREATE FUNCTION time_bucket(bucket_width smallint, ts smallint, "offset" smallint) RETURNS smallint
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$ SELECT _timescaledb_functions._standin_bucket(bucket_width, ts, "offset")::smallint $$;

CREATE FUNCTION time_bucket(bucket_width integer, ts integer, "offset" integer) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$ SELECT _timescaledb_functions._standin_bucket(bucket_width, ts, "offset")::integer $$;

CREATE FUNCTION time_bucket(bucket_width bigint, ts bigint, "offset" bigint) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$ SELECT _timescaledb_functions._standin_bucket(bucket_width, ts, "offset")::bigint $$;

-- The classic form. Leaves the table as TimescaleDB does, after its checks;
-- space partitioning and custom partitioning functions need its engine.
CREATE FUNCTION create_hypertable(
  relation regclass,
  time_column_name name,
  partitioning_column name = NULL,
  number_partitions integer = NULL,
  associated_schema_name name = NULL,
  associated_table_prefix name = NULL,
  chunk_time_interval anyelement = NULL::bigint,
  create_default_indexes boolean = TRUE,
  if_not_exists boolean = FALSE,
  partitioning_func regproc = NULL,
  migrate_data boolean = FALSE,
  chunk_target_size text = NULL,
  chunk_sizing_func regproc = '_timescaledb_functions.calculate_chunk_interval'::regproc,
  time_partitioning_func regproc = NULL
) RETURNS TABLE(hypertable_id integer, schema_name name, table_name name, created boolean)
LANGUAGE plpgsql VOLATILE AS $$
#variable_conflict use_variable
DECLARE
  rel record;
  col record;
  nonempty boolean;
  idx record;
BEGIN
  IF relation IS NULL THEN
    RAISE EXCEPTION 'relation cannot be NULL' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  SELECT c.relname, n.nspname, c.relkind INTO rel
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = relation;
  IF EXISTS (SELECT FROM pg_trigger t WHERE t.tgrelid = relation AND t.tgname = 'ts_insert_blocker') THEN
    IF if_not_exists THEN
      RAISE NOTICE 'table "%" is already a hypertable, skipping', rel.relname;
      RETURN QUERY SELECT 0, rel.nspname::name, rel.relname::name, false;
      RETURN;
    END IF;
    RAISE EXCEPTION 'table "%" is already a hypertable', rel.relname USING ERRCODE = 'TS110';
  END IF;
  IF partitioning_column IS NOT NULL OR number_partitions IS NOT NULL OR partitioning_func IS NOT NULL
     OR time_partitioning_func IS NOT NULL OR chunk_target_size IS NOT NULL THEN
    RAISE EXCEPTION 'timescaledb (dbalign stand-in): create_hypertable supports a time column only (no space partitioning, partitioning functions or adaptive chunking)'
      USING ERRCODE = 'feature_not_supported', HINT = 'Use --shadow <url> to a server with the real timescaledb.';
  END IF;
  SELECT a.attnum, a.attnotnull, a.atttypid INTO col FROM pg_attribute a
  WHERE a.attrelid = relation AND a.attname = time_column_name AND a.attnum > 0 AND NOT a.attisdropped;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'column "%" does not exist', time_column_name USING ERRCODE = 'undefined_column';
  END IF;
  IF col.atttypid NOT IN ('timestamp'::regtype, 'timestamptz'::regtype, 'date'::regtype, 'smallint'::regtype, 'integer'::regtype, 'bigint'::regtype) THEN
    RAISE EXCEPTION 'invalid type for dimension "%"', time_column_name USING ERRCODE = 'invalid_parameter_value',
      HINT = 'Use an integer, timestamp, or date type.';
  END IF;
  EXECUTE format('SELECT EXISTS (SELECT FROM %s)', relation) INTO nonempty;
  IF nonempty AND NOT migrate_data THEN
    RAISE EXCEPTION 'table "%" is not empty', rel.relname USING ERRCODE = 'feature_not_supported',
      HINT = 'You can migrate data by specifying ''migrate_data => true'' when calling this function.';
  END IF;
  FOR idx IN SELECT i.indexrelid FROM pg_index i WHERE i.indrelid = relation AND (i.indisunique OR i.indisexclusion) LOOP
    IF NOT EXISTS (SELECT FROM pg_index i WHERE i.indexrelid = idx.indexrelid AND col.attnum = ANY (i.indkey::int2[])) THEN
      RAISE EXCEPTION 'cannot create a unique index without the column "%" (used in partitioning)', time_column_name
        USING ERRCODE = 'TS103';
    END IF;
  END LOOP;
  IF NOT col.attnotnull THEN
    EXECUTE format('ALTER TABLE %s ALTER COLUMN %I SET NOT NULL', relation, time_column_name);
  END IF;
  IF create_default_indexes AND NOT EXISTS (
    SELECT FROM pg_index i WHERE i.indrelid = relation AND i.indnatts = 1 AND i.indkey[0] = col.attnum) THEN
    EXECUTE format('CREATE INDEX ON %s (%I DESC)', relation, time_column_name);
  END IF;
  EXECUTE format('CREATE TRIGGER ts_insert_blocker BEFORE INSERT ON %s FOR EACH ROW EXECUTE FUNCTION _timescaledb_functions.insert_blocker()', relation);
  RETURN QUERY SELECT nextval('_timescaledb_functions._standin_hypertable_id')::integer, rel.nspname::name, rel.relname::name, true;
END
$$;
