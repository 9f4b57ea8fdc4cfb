-- dbalign stand-in for pg_cron 1.6: the schema, tables and functions of the
-- real extension, with the same names, signatures and defaults. Jobs are
-- recorded in cron.job exactly as pg_cron records them; nothing ever runs
-- them (there is no background worker), so cron.job_run_details stays empty.
\echo Use "CREATE EXTENSION pg_cron" to load this file. \quit

CREATE SCHEMA cron;
CREATE SEQUENCE cron.jobid_seq;
CREATE SEQUENCE cron.runid_seq;

CREATE TABLE cron.job (
  jobid bigint PRIMARY KEY DEFAULT pg_catalog.nextval('cron.jobid_seq'),
  schedule text NOT NULL,
  command text NOT NULL,
  nodename text NOT NULL DEFAULT 'localhost',
  nodeport integer NOT NULL DEFAULT pg_catalog.inet_server_port(),
  database text NOT NULL DEFAULT pg_catalog.current_database(),
  username text NOT NULL DEFAULT CURRENT_USER,
  active boolean NOT NULL DEFAULT true,
  jobname text,
  CONSTRAINT jobname_username_uniq UNIQUE (jobname, username)
);
GRANT SELECT ON cron.job TO public;
ALTER TABLE cron.job ENABLE ROW LEVEL SECURITY;
CREATE POLICY cron_job_policy ON cron.job USING (username OPERATOR(pg_catalog.=) CURRENT_USER);

CREATE TABLE cron.job_run_details (
  jobid bigint,
  runid bigint PRIMARY KEY DEFAULT pg_catalog.nextval('cron.runid_seq'),
  job_pid integer,
  database text,
  username text,
  command text,
  status text,
  return_message text,
  start_time timestamp with time zone,
  end_time timestamp with time zone
);
GRANT SELECT, DELETE ON cron.job_run_details TO public;
ALTER TABLE cron.job_run_details ENABLE ROW LEVEL SECURITY;
CREATE POLICY cron_job_run_details_policy ON cron.job_run_details USING (username OPERATOR(pg_catalog.=) CURRENT_USER);
GRANT SELECT ON SEQUENCE cron.jobid_seq, cron.runid_seq TO public;

SELECT pg_catalog.pg_extension_config_dump('cron.job', '');
SELECT pg_catalog.pg_extension_config_dump('cron.jobid_seq', '');
SELECT pg_catalog.pg_extension_config_dump('cron.job_run_details', '');
SELECT pg_catalog.pg_extension_config_dump('cron.runid_seq', '');

-- pg_cron refuses a schedule it cannot parse; so does the stand-in, with the
-- same forms accepted: five cron fields, '@' shorthands, or '[1-59] seconds'.
CREATE FUNCTION cron._standin_check_schedule(schedule text) RETURNS text
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog AS $fn$
BEGIN
  IF schedule IS NULL THEN
    RETURN NULL;
  END IF;
  IF schedule ~* '^\s*([0-9]|[1-5][0-9])\s+seconds?\s*$'
     OR schedule ~* '^\s*@(yearly|annually|monthly|weekly|daily|midnight|hourly|reboot)\s*$'
     OR schedule ~ '^\s*[0-9A-Za-z*,/?#$LW-]+(\s+[0-9A-Za-z*,/?#$LW-]+){4}\s*$' THEN
    RETURN schedule;
  END IF;
  RAISE EXCEPTION 'invalid schedule: %', schedule
    USING HINT = 'Use cron format (e.g. 5 4 * * *), or interval format ''[1-59] seconds''';
END
$fn$;

CREATE FUNCTION cron.schedule(schedule text, command text) RETURNS bigint
LANGUAGE plpgsql STRICT SET search_path = pg_catalog AS $fn$
DECLARE id bigint;
BEGIN
  INSERT INTO cron.job (schedule, command)
  VALUES (cron._standin_check_schedule(schedule), command)
  RETURNING jobid INTO id;
  RETURN id;
END
$fn$;
COMMENT ON FUNCTION cron.schedule(text, text) IS 'schedule a pg_cron job';

-- A named job replaces the caller's job of that name, keeping its id.
CREATE FUNCTION cron.schedule_in_database(job_name text, schedule text, command text, database text,
                                          username text DEFAULT NULL, active boolean DEFAULT true) RETURNS bigint
LANGUAGE plpgsql SET search_path = pg_catalog AS $fn$
#variable_conflict use_column
DECLARE
  id bigint;
  who text := coalesce(username, CURRENT_USER::text);
BEGIN
  IF job_name IS NULL OR schedule IS NULL OR command IS NULL OR database IS NULL THEN
    RAISE EXCEPTION 'job_name, schedule, command and database must not be NULL';
  END IF;
  -- Like pg_cron, replacing a job takes no new id from the sequence.
  UPDATE cron.job j
     SET schedule = cron._standin_check_schedule(schedule_in_database.schedule), command = schedule_in_database.command,
         database = schedule_in_database.database, active = coalesce(schedule_in_database.active, true)
   WHERE j.jobname = schedule_in_database.job_name AND j.username = who
  RETURNING j.jobid INTO id;
  IF NOT FOUND THEN
    INSERT INTO cron.job (jobname, schedule, command, database, username, active)
    VALUES (schedule_in_database.job_name, cron._standin_check_schedule(schedule_in_database.schedule),
            schedule_in_database.command, schedule_in_database.database, who, coalesce(schedule_in_database.active, true))
    RETURNING jobid INTO id;
  END IF;
  RETURN id;
END
$fn$;
COMMENT ON FUNCTION cron.schedule_in_database(text, text, text, text, text, boolean) IS 'schedule a pg_cron job';
REVOKE ALL ON FUNCTION cron.schedule_in_database(text, text, text, text, text, boolean) FROM public;

CREATE FUNCTION cron.schedule(job_name text, schedule text, command text) RETURNS bigint
LANGUAGE sql SET search_path = pg_catalog AS $fn$
  SELECT cron.schedule_in_database(job_name, schedule, command, current_database(), NULL, true)
$fn$;
COMMENT ON FUNCTION cron.schedule(text, text, text) IS 'schedule a pg_cron job';

CREATE FUNCTION cron.unschedule(job_id bigint) RETURNS boolean
LANGUAGE plpgsql STRICT SET search_path = pg_catalog AS $fn$
BEGIN
  DELETE FROM cron.job WHERE jobid = job_id AND username = CURRENT_USER;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'could not find valid entry for job %', job_id;
  END IF;
  RETURN true;
END
$fn$;
COMMENT ON FUNCTION cron.unschedule(bigint) IS 'unschedule a pg_cron job';

CREATE FUNCTION cron.unschedule(job_name text) RETURNS boolean
LANGUAGE plpgsql STRICT SET search_path = pg_catalog AS $fn$
BEGIN
  DELETE FROM cron.job WHERE jobname = job_name AND username = CURRENT_USER;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'could not find valid entry for job ''%''', job_name;
  END IF;
  RETURN true;
END
$fn$;
COMMENT ON FUNCTION cron.unschedule(text) IS 'unschedule a pg_cron job';

CREATE FUNCTION cron.alter_job(job_id bigint, schedule text DEFAULT NULL, command text DEFAULT NULL,
                               database text DEFAULT NULL, username text DEFAULT NULL, active boolean DEFAULT NULL) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog AS $fn$
BEGIN
  UPDATE cron.job j SET
    schedule = coalesce(cron._standin_check_schedule(alter_job.schedule), j.schedule),
    command = coalesce(alter_job.command, j.command),
    database = coalesce(alter_job.database, j.database),
    username = coalesce(alter_job.username, j.username),
    active = coalesce(alter_job.active, j.active)
  WHERE j.jobid = job_id;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'could not find valid entry for job %', job_id;
  END IF;
END
$fn$;
COMMENT ON FUNCTION cron.alter_job(bigint, text, text, text, text, boolean) IS 'Alter the job identified by job_id. Any option left as NULL will not be modified.';
REVOKE ALL ON FUNCTION cron.alter_job(bigint, text, text, text, text, boolean) FROM public;
