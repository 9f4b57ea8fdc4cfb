/**
 * The realtime schema as the supabase/realtime tenant migrations leave it (see
 * SOURCES in ../supabase-profile.ts): messages (partitioned by day; the
 * realtime server creates the partitions, so a broadcast without one warns
 * and is dropped, as on Supabase), subscription and its types, and the
 * functions user code calls: topic(), send(), send_binary(),
 * broadcast_changes(). The functions only the realtime server calls to
 * decode the WAL (apply_rls, list_changes, …) are not here.
 */
export const REALTIME_SQL = `
CREATE SCHEMA realtime AUTHORIZATION supabase_admin;
GRANT USAGE ON SCHEMA realtime TO postgres, anon, authenticated, service_role;
GRANT ALL ON SCHEMA realtime TO supabase_realtime_admin;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA realtime GRANT ALL ON TABLES TO postgres, dashboard_user;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA realtime GRANT ALL ON SEQUENCES TO postgres, dashboard_user;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA realtime GRANT ALL ON FUNCTIONS TO postgres, dashboard_user;
CREATE TABLE realtime.schema_migrations (version bigint CONSTRAINT schema_migrations_pkey PRIMARY KEY, inserted_at timestamp(0));
ALTER TABLE realtime.schema_migrations OWNER TO supabase_admin;
SET ROLE supabase_realtime_admin;

CREATE TYPE realtime.action AS ENUM ('INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'ERROR');
CREATE TYPE realtime.equality_op AS ENUM ('eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'in', 'like', 'ilike', 'is', 'match', 'imatch', 'isdistinct');
CREATE TYPE realtime.user_defined_filter AS (column_name text, op realtime.equality_op, value text, negate boolean);
CREATE TYPE realtime.wal_column AS (name text, type_name text, type_oid oid, value jsonb, is_pkey boolean, is_selectable boolean);
CREATE TYPE realtime.wal_rls AS (wal jsonb, is_rls_enabled boolean, subscription_ids uuid[], errors text[]);

CREATE FUNCTION realtime.to_regrole(role_name text) RETURNS regrole LANGUAGE sql IMMUTABLE AS $f$ SELECT role_name::regrole $f$;

CREATE TABLE realtime.messages (
  topic text NOT NULL,
  extension text NOT NULL,
  payload jsonb,
  event text,
  private boolean DEFAULT false,
  updated_at timestamp NOT NULL DEFAULT now(),
  inserted_at timestamp NOT NULL DEFAULT now(),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  binary_payload bytea,
  CONSTRAINT messages_pkey PRIMARY KEY (id, inserted_at)
) PARTITION BY RANGE (inserted_at);
ALTER TABLE realtime.messages ENABLE ROW LEVEL SECURITY;

CREATE TABLE realtime.subscription (
  id bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT pk_subscription PRIMARY KEY,
  subscription_id uuid NOT NULL,
  entity regclass NOT NULL,
  filters realtime.user_defined_filter[] NOT NULL DEFAULT '{}',
  claims jsonb NOT NULL,
  claims_role regrole NOT NULL GENERATED ALWAYS AS (realtime.to_regrole(claims ->> 'role')) STORED,
  created_at timestamp NOT NULL DEFAULT timezone('utc', now()),
  action_filter text DEFAULT '*' CONSTRAINT subscription_action_filter_check CHECK (action_filter IN ('*', 'INSERT', 'UPDATE', 'DELETE')),
  selected_columns text[]
);
CREATE INDEX ix_realtime_subscription_entity ON realtime.subscription (entity);
CREATE UNIQUE INDEX subscription_subscription_id_entity_filters_action_filter_selec
  ON realtime.subscription (subscription_id, entity, filters, action_filter, coalesce(selected_columns, '{}'));

-- The topic of the channel whose authorization policies are being checked.
CREATE FUNCTION realtime.topic() RETURNS text LANGUAGE sql STABLE AS $f$
  SELECT nullif(current_setting('realtime.topic', true), '')::text
$f$;
-- Broadcast a message: a row in messages the realtime server relays. Errors
-- (no partition for today, …) become a warning, never fail the caller.
CREATE FUNCTION realtime.send(payload jsonb, event text, topic text, private boolean DEFAULT true) RETURNS void LANGUAGE plpgsql AS $f$
DECLARE
  message_id uuid := gen_random_uuid();
BEGIN
  BEGIN
    PERFORM set_config('realtime.topic', topic, true);
    INSERT INTO realtime.messages (id, payload, event, topic, private, extension)
    VALUES (message_id, CASE WHEN payload ? 'id' THEN payload ELSE jsonb_set(payload, '{id}', to_jsonb(message_id)) END,
            event, topic, private, 'broadcast');
  EXCEPTION WHEN OTHERS THEN
    RAISE WARNING 'WarnSendingBroadcastMessage: %', SQLERRM;
  END;
END
$f$;
CREATE FUNCTION realtime.send_binary(payload bytea, event text, topic text, private boolean DEFAULT true) RETURNS void LANGUAGE plpgsql AS $f$
BEGIN
  BEGIN
    PERFORM set_config('realtime.topic', topic, true);
    INSERT INTO realtime.messages (id, binary_payload, event, topic, private, extension)
    VALUES (gen_random_uuid(), payload, event, topic, private, 'broadcast');
  EXCEPTION WHEN OTHERS THEN
    RAISE WARNING 'WarnSendingBroadcastMessage: %', SQLERRM;
  END;
END
$f$;
-- Called from a row trigger: broadcasts the change (old and new rows) on a topic.
CREATE FUNCTION realtime.broadcast_changes(topic_name text, event_name text, operation text, table_name text, table_schema text,
    new record, old record, level text DEFAULT 'ROW') RETURNS void LANGUAGE plpgsql AS $f$
BEGIN
  IF level = 'STATEMENT' THEN
    RAISE EXCEPTION 'function can only be triggered for each row, not for each statement';
  END IF;
  IF operation NOT IN ('INSERT', 'UPDATE', 'DELETE') THEN
    RAISE EXCEPTION 'Unexpected operation type: %', operation;
  END IF;
  PERFORM realtime.send(jsonb_build_object('old_record', old, 'record', new, 'operation', operation,
                                           'table', table_name, 'schema', table_schema),
                        event_name, topic_name);
END
$f$;
GRANT ALL ON realtime.messages, realtime.subscription TO postgres, dashboard_user;
GRANT SELECT, INSERT, UPDATE ON realtime.messages TO anon, authenticated, service_role;
GRANT SELECT ON realtime.subscription TO anon, authenticated, service_role;
GRANT ALL ON SEQUENCE realtime.subscription_id_seq TO postgres, dashboard_user;
GRANT USAGE ON SEQUENCE realtime.subscription_id_seq TO anon, authenticated, service_role;
GRANT EXECUTE ON FUNCTION realtime.to_regrole(text) TO postgres, dashboard_user, anon, authenticated, service_role;
GRANT EXECUTE ON FUNCTION realtime.send(jsonb, text, text, boolean), realtime.send_binary(bytea, text, text, boolean),
  realtime.broadcast_changes(text, text, text, text, text, record, record, text), realtime.topic() TO postgres, dashboard_user;
RESET ROLE;
`;
