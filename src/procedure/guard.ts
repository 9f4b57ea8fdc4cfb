/**
 * `dbalign guard`: records every DDL command run on production outside
 * dbalign, so drift is seen with its cause (who, when, what) instead of being
 * found later by a diff. An event trigger writes to dbalign.ddl_audit; dbalign's
 * own writes mark their transaction so they are not recorded.
 */
import { connect, inTransaction, type Client } from '../db/connection.js';
import { DbalignError } from '../errors.js';

export const GUARD_SCHEMA = 'dbalign';

/** Set (LOCAL) by dbalign's own writes; the trigger skips them. */
export const APPLYING_SETTING = 'dbalign.applying';

const INSTALL = `
CREATE SCHEMA IF NOT EXISTS dbalign;
CREATE TABLE IF NOT EXISTS dbalign.ddl_audit (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  executed_at timestamptz NOT NULL DEFAULT now(),
  role_name text NOT NULL DEFAULT current_user,
  session_role text NOT NULL DEFAULT session_user,
  application_name text DEFAULT current_setting('application_name', true),
  client_addr inet DEFAULT inet_client_addr(),
  command_tag text NOT NULL,
  object_type text,
  object_identity text,
  command text,
  acknowledged_at timestamptz
);
-- Secrets in DDL (role passwords, user-mapping and server options, connection strings) never reach the table.
CREATE OR REPLACE FUNCTION dbalign.mask_secrets(command text) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog AS $fn$
  SELECT regexp_replace(
           regexp_replace(command, $re$("?password"?\\s+)'([^']|'')*'$re$, '\\1''****''', 'gi'),
           $re$(password\\s*=\\s*)('([^'\\\\]|\\\\.)*'|[^\\s']+)$re$, '\\1****', 'gi')
$fn$;
UPDATE dbalign.ddl_audit SET command = dbalign.mask_secrets(command) WHERE command IS DISTINCT FROM dbalign.mask_secrets(command);
CREATE OR REPLACE FUNCTION dbalign.record_ddl() RETURNS event_trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $fn$
DECLARE
  r record;
BEGIN
  IF coalesce(current_setting('${APPLYING_SETTING}', true), '') = 'on' THEN
    RETURN;
  END IF;
  IF TG_EVENT = 'sql_drop' THEN
    FOR r IN SELECT * FROM pg_event_trigger_dropped_objects() WHERE original LOOP
      INSERT INTO dbalign.ddl_audit (command_tag, object_type, object_identity, command)
      VALUES (TG_TAG, r.object_type, r.object_identity, dbalign.mask_secrets(current_query()));
    END LOOP;
  ELSE
    FOR r IN SELECT * FROM pg_event_trigger_ddl_commands() LOOP
      IF r.schema_name IS DISTINCT FROM 'dbalign' THEN
        INSERT INTO dbalign.ddl_audit (command_tag, object_type, object_identity, command)
        VALUES (r.command_tag, r.object_type, r.object_identity, dbalign.mask_secrets(current_query()));
      END IF;
    END LOOP;
  END IF;
END
$fn$;
DROP EVENT TRIGGER IF EXISTS dbalign_ddl_end;
DROP EVENT TRIGGER IF EXISTS dbalign_sql_drop;
CREATE EVENT TRIGGER dbalign_ddl_end ON ddl_command_end EXECUTE FUNCTION dbalign.record_ddl();
CREATE EVENT TRIGGER dbalign_sql_drop ON sql_drop EXECUTE FUNCTION dbalign.record_ddl();
`;

const REMOVE = `
DROP EVENT TRIGGER IF EXISTS dbalign_ddl_end;
DROP EVENT TRIGGER IF EXISTS dbalign_sql_drop;
DROP FUNCTION IF EXISTS dbalign.record_ddl();
DROP FUNCTION IF EXISTS dbalign.mask_secrets(text);
`;

export interface DdlEvent {
  id: string;
  executedAt: string;
  role: string;
  applicationName: string | null;
  commandTag: string;
  objectType: string | null;
  objectIdentity: string | null;
  command: string | null;
}

export async function guardInstalled(client: Client): Promise<boolean> {
  const r = await client.query<{ ok: boolean }>(`SELECT EXISTS (SELECT FROM pg_event_trigger WHERE evtname = 'dbalign_ddl_end') AS ok`);
  return r.rows[0]!.ok;
}

/** Runs the guard's own DDL, which the guard does not record. */
async function runGuardSql(url: string, sql: string, action: 'install' | 'remove'): Promise<void> {
  const client = await connect(url, 'remote');
  try {
    await inTransaction(client, async () => {
      await client.query(`SET LOCAL ${APPLYING_SETTING} = 'on'`);
      await client.query(sql);
    });
  } catch (err) {
    if ((err as { code?: string }).code === '42501') {
      throw new DbalignError(
        `cannot ${action} the guard: ${(err as Error).message}; event triggers need a superuser (on Supabase, the postgres role)`,
        { cause: err },
      );
    }
    throw err;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Installs (or reinstalls) the guard on the remote. */
export const installGuard = (url: string) => runGuardSql(url, INSTALL, 'install');

/** Removes the event triggers; the audit table stays, with its history. */
export const removeGuard = (url: string) => runGuardSql(url, REMOVE, 'remove');

/** DDL recorded outside dbalign and not yet acknowledged by an alignment. */
export async function unacknowledgedDdl(client: Client): Promise<DdlEvent[]> {
  const present = await client.query<{ t: string | null }>(`SELECT to_regclass('dbalign.ddl_audit')::text AS t`);
  if (!present.rows[0]!.t) return [];
  const r = await client.query<DdlEvent>(
    `SELECT id::text AS id, to_char(executed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "executedAt",
            role_name AS role, application_name AS "applicationName", command_tag AS "commandTag",
            object_type AS "objectType", object_identity AS "objectIdentity", command
       FROM dbalign.ddl_audit WHERE acknowledged_at IS NULL ORDER BY id`,
  );
  return r.rows;
}

/** Marks recorded DDL as seen by an alignment (inside its transaction). */
export async function acknowledgeDdl(client: Client, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await client.query(`UPDATE dbalign.ddl_audit SET acknowledged_at = now() WHERE id = ANY($1::bigint[])`, [ids]);
}
