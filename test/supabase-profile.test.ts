import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { applySupabaseProfile, createSupabaseDatabase, looksLikeSupabase } from '../src/procedure/supabase-profile.js';
import { MAJORS, makeProject, query, runCli, startTestServer, type TestServer } from './helpers/pg.js';
import { planBetween, withClient } from './helpers/schema.js';

/**
 * What a Supabase database has, written down from Supabase's definitions
 * (the auth, storage and realtime services' migrations, the supabase/postgres
 * init scripts): every name here is one real projects' migrations and seeds use.
 */
const TABLES: Record<string, { owner: string; columns?: string[] }> = {
  'auth.users': {
    owner: 'supabase_auth_admin',
    columns: [
      'instance_id', 'id', 'aud', 'role', 'email', 'encrypted_password', 'email_confirmed_at', 'invited_at',
      'confirmation_token', 'confirmation_sent_at', 'recovery_token', 'recovery_sent_at', 'email_change_token_new',
      'email_change', 'email_change_sent_at', 'last_sign_in_at', 'raw_app_meta_data', 'raw_user_meta_data',
      'is_super_admin', 'created_at', 'updated_at', 'phone', 'phone_confirmed_at', 'phone_change', 'phone_change_token',
      'phone_change_sent_at', 'confirmed_at', 'email_change_token_current', 'email_change_confirm_status', 'banned_until',
      'reauthentication_token', 'reauthentication_sent_at', 'is_sso_user', 'deleted_at', 'is_anonymous',
    ],
  },
  'auth.identities': {
    owner: 'supabase_auth_admin',
    columns: ['provider_id', 'user_id', 'identity_data', 'provider', 'last_sign_in_at', 'created_at', 'updated_at', 'email', 'id'],
  },
  'auth.sessions': {
    owner: 'supabase_auth_admin',
    columns: ['id', 'user_id', 'created_at', 'updated_at', 'factor_id', 'aal', 'not_after', 'refreshed_at', 'user_agent', 'ip', 'tag',
      'oauth_client_id', 'refresh_token_hmac_key', 'refresh_token_counter', 'scopes'],
  },
  'auth.mfa_factors': {
    owner: 'supabase_auth_admin',
    columns: ['id', 'user_id', 'friendly_name', 'factor_type', 'status', 'created_at', 'updated_at', 'secret', 'phone',
      'last_challenged_at', 'web_authn_credential', 'web_authn_aaguid', 'last_webauthn_challenge_data'],
  },
  'auth.audit_log_entries': { owner: 'supabase_auth_admin', columns: ['instance_id', 'id', 'payload', 'created_at', 'ip_address'] },
  'auth.refresh_tokens': {
    owner: 'supabase_auth_admin',
    columns: ['instance_id', 'id', 'token', 'user_id', 'revoked', 'created_at', 'updated_at', 'parent', 'session_id'],
  },
  'auth.instances': { owner: 'supabase_auth_admin' },
  'auth.schema_migrations': { owner: 'supabase_auth_admin' },
  'auth.mfa_challenges': { owner: 'supabase_auth_admin' },
  'auth.mfa_amr_claims': { owner: 'supabase_auth_admin' },
  'auth.flow_state': { owner: 'supabase_auth_admin' },
  'auth.sso_providers': { owner: 'supabase_auth_admin' },
  'auth.sso_domains': { owner: 'supabase_auth_admin' },
  'auth.saml_providers': { owner: 'supabase_auth_admin' },
  'auth.saml_relay_states': { owner: 'supabase_auth_admin' },
  'auth.one_time_tokens': { owner: 'supabase_auth_admin', columns: ['id', 'user_id', 'token_type', 'token_hash', 'relates_to', 'created_at', 'updated_at'] },
  'auth.oauth_clients': { owner: 'supabase_auth_admin' },
  'auth.oauth_authorizations': { owner: 'supabase_auth_admin' },
  'auth.oauth_consents': { owner: 'supabase_auth_admin' },
  'auth.oauth_client_states': { owner: 'supabase_auth_admin' },
  'auth.custom_oauth_providers': { owner: 'supabase_auth_admin' },
  'auth.webauthn_challenges': { owner: 'supabase_auth_admin' },
  'auth.webauthn_credentials': { owner: 'supabase_auth_admin' },
  'storage.buckets': {
    owner: 'supabase_storage_admin',
    columns: ['id', 'name', 'owner', 'created_at', 'updated_at', 'public', 'avif_autodetection', 'file_size_limit', 'allowed_mime_types',
      'owner_id', 'type', 'versioning_status'],
  },
  'storage.objects': {
    owner: 'supabase_storage_admin',
    columns: ['id', 'bucket_id', 'name', 'owner', 'created_at', 'updated_at', 'last_accessed_at', 'metadata', 'path_tokens', 'version',
      'owner_id', 'user_metadata', 'archived_at', 'is_delete_marker', 'is_versioned'],
  },
  'storage.migrations': { owner: 'supabase_storage_admin' },
  'storage.s3_multipart_uploads': { owner: 'supabase_storage_admin' },
  'storage.s3_multipart_uploads_parts': { owner: 'supabase_storage_admin' },
  'storage.buckets_analytics': { owner: 'supabase_storage_admin' },
  'storage.iceberg_namespaces': { owner: 'supabase_storage_admin' },
  'storage.iceberg_tables': { owner: 'supabase_storage_admin' },
  'storage.buckets_vectors': { owner: 'supabase_storage_admin' },
  'storage.vector_indexes': { owner: 'supabase_storage_admin' },
  'realtime.messages': {
    owner: 'supabase_realtime_admin',
    columns: ['topic', 'extension', 'payload', 'event', 'private', 'updated_at', 'inserted_at', 'id', 'binary_payload'],
  },
  'realtime.subscription': {
    owner: 'supabase_realtime_admin',
    columns: ['id', 'subscription_id', 'entity', 'filters', 'claims', 'claims_role', 'created_at', 'action_filter', 'selected_columns'],
  },
  'realtime.schema_migrations': { owner: 'supabase_admin' },
  'supabase_functions.hooks': { owner: 'supabase_functions_admin', columns: ['id', 'hook_table_id', 'hook_name', 'created_at', 'request_id'] },
  'supabase_functions.migrations': { owner: 'supabase_functions_admin' },
};

/** regprocedure text -> owner */
const FUNCTIONS: Record<string, string> = {
  'auth.uid()': 'supabase_auth_admin',
  'auth.role()': 'supabase_auth_admin',
  'auth.email()': 'supabase_auth_admin',
  'auth.jwt()': 'supabase_auth_admin',
  'storage.foldername(text)': 'supabase_storage_admin',
  'storage.filename(text)': 'supabase_storage_admin',
  'storage.extension(text)': 'supabase_storage_admin',
  'storage.get_size_by_bucket()': 'supabase_storage_admin',
  'storage.search(text,text,integer,integer,integer,text,text,text)': 'supabase_storage_admin',
  'storage.operation()': 'supabase_storage_admin',
  'storage.allow_only_operation(text)': 'supabase_storage_admin',
  'storage.allow_any_operation(text[])': 'supabase_storage_admin',
  'storage.protect_delete()': 'supabase_storage_admin',
  'realtime.topic()': 'supabase_realtime_admin',
  'realtime.send(jsonb,text,text,boolean)': 'supabase_realtime_admin',
  'realtime.send_binary(bytea,text,text,boolean)': 'supabase_realtime_admin',
  'realtime.broadcast_changes(text,text,text,text,text,record,record,text)': 'supabase_realtime_admin',
  'realtime.to_regrole(text)': 'supabase_realtime_admin',
  'supabase_functions.http_request()': 'supabase_functions_admin',
  'graphql_public.graphql(text,text,jsonb,jsonb)': 'supabase_admin',
};

const TYPES = [
  'auth.aal_level', 'auth.code_challenge_method', 'auth.factor_status', 'auth.factor_type', 'auth.one_time_token_type',
  'auth.oauth_authorization_status', 'auth.oauth_client_type', 'auth.oauth_registration_type', 'auth.oauth_response_type',
  'storage.buckettype', 'realtime.action', 'realtime.equality_op', 'realtime.user_defined_filter', 'realtime.wal_column', 'realtime.wal_rls',
];

/** role -> [can log in, inherits, bypasses RLS] */
const ROLES: Record<string, [boolean, boolean, boolean]> = {
  anon: [false, true, false],
  authenticated: [false, true, false],
  service_role: [false, true, true],
  authenticator: [true, false, false],
  supabase_admin: [true, true, true],
  supabase_auth_admin: [true, false, false],
  supabase_storage_admin: [true, false, false],
  supabase_functions_admin: [true, false, false],
  supabase_realtime_admin: [false, false, false],
  supabase_replication_admin: [true, true, false],
  supabase_read_only_user: [true, true, true],
  dashboard_user: [false, true, false],
  pgbouncer: [true, true, false],
};

/** [role, member] */
const MEMBERSHIPS: Array<[string, string]> = [
  ['anon', 'authenticator'],
  ['authenticated', 'authenticator'],
  ['service_role', 'authenticator'],
  ['authenticator', 'supabase_storage_admin'],
  ['pg_read_all_data', 'supabase_read_only_user'],
];

/** [privilege check SQL that must be true] */
const GRANTS = [
  `has_schema_privilege('anon', 'auth', 'USAGE')`,
  `has_schema_privilege('authenticated', 'storage', 'USAGE')`,
  `has_schema_privilege('service_role', 'extensions', 'USAGE')`,
  `has_schema_privilege('anon', 'realtime', 'USAGE')`,
  `has_schema_privilege('anon', 'graphql_public', 'USAGE')`,
  `NOT has_schema_privilege('anon', 'auth', 'CREATE')`,
  `has_table_privilege('authenticated', 'storage.objects', 'SELECT,INSERT,UPDATE,DELETE')`,
  `has_table_privilege('anon', 'storage.buckets', 'SELECT')`,
  `NOT has_table_privilege('authenticated', 'auth.users', 'SELECT')`,
  `has_table_privilege('dashboard_user', 'auth.users', 'SELECT')`,
  `has_table_privilege('authenticated', 'realtime.messages', 'SELECT,INSERT,UPDATE')`,
  `NOT has_table_privilege('authenticated', 'realtime.messages', 'DELETE')`,
  `has_table_privilege('anon', 'supabase_functions.hooks', 'INSERT')`,
  `has_function_privilege('anon', 'auth.uid()', 'EXECUTE')`,
  `has_function_privilege('authenticated', 'storage.foldername(text)', 'EXECUTE')`,
  `NOT has_function_privilege('public', 'supabase_functions.http_request()', 'EXECUTE')`,
];

/** The first database on each server pays for the roles; the others show what a shadow costs. */
async function profiled(srv: TestServer): Promise<string> {
  const url = await srv.createDatabase('profile');
  await withClient(url, (c) => applySupabaseProfile(c));
  return url;
}

const one = async (url: string, sql: string) => (await query(url, sql)).rows[0];

/** Many small checks on one connection. */
async function onConnection(url: string, fn: (one: (sql: string) => Promise<any>) => Promise<void>): Promise<void> {
  await withClient(url, (c) => fn(async (sql) => (await c.query(sql)).rows[0]));
}

for (const major of MAJORS) {
  describe(`Supabase profile on PostgreSQL ${major}`, () => {
    let srv: TestServer;
    let url: string;
    before(async () => {
      srv = await startTestServer(major);
      url = await profiled(srv);
    });
    after(() => srv?.stop());

    test('has every table and column, owned by the role that owns it on Supabase', async () => {
      const rows = (
        await query(
          url,
          `SELECT c.oid::regclass::text AS name, c.relkind::text AS kind, pg_get_userbyid(c.relowner) AS owner,
                  array(SELECT attname::text FROM pg_attribute WHERE attrelid = c.oid AND attnum > 0 AND NOT attisdropped ORDER BY attnum) AS columns
             FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname IN ('auth', 'storage', 'realtime', 'supabase_functions') AND c.relkind IN ('r', 'p')`,
        )
      ).rows as Array<{ name: string; kind: string; owner: string; columns: string[] }>;
      const found = new Map(rows.map((r) => [r.name, r]));
      const missing: string[] = [];
      for (const [name, want] of Object.entries(TABLES)) {
        const got = found.get(name);
        if (!got) {
          missing.push(`table ${name}`);
          continue;
        }
        assert.equal(got.owner, want.owner, `owner of ${name}`);
        for (const column of want.columns ?? []) if (!got.columns.includes(column)) missing.push(`column ${name}.${column}`);
        if (want.columns) assert.equal(got.columns.length, want.columns.length, `${name} has exactly ${want.columns.join(', ')}; got ${got.columns.join(', ')}`);
      }
      assert.deepEqual(missing, []);
      assert.equal(found.get('realtime.messages')!.kind, 'p', 'realtime.messages is partitioned');
    });

    test('has every function with its signature and owner, and the types', () => onConnection(url, async (one) => {
      const missing: string[] = [];
      for (const [signature, owner] of Object.entries(FUNCTIONS)) {
        const row = await one(`SELECT pg_get_userbyid(proowner) AS owner FROM pg_proc WHERE oid = to_regprocedure('${signature}')`);
        if (!row) missing.push(signature);
        else assert.equal(row.owner, owner, `owner of ${signature}`);
      }
      for (const type of TYPES) if (!(await one(`SELECT to_regtype('${type}') IS NOT NULL AS ok`)).ok) missing.push(`type ${type}`);
      assert.deepEqual(missing, []);
    }));

    test('has the roles with their attributes and memberships, and the grants', () => onConnection(url, async (one) => {
      for (const [name, [login, inherit, bypassrls]] of Object.entries(ROLES)) {
        const row = await one(`SELECT rolcanlogin, rolinherit, rolbypassrls FROM pg_roles WHERE rolname = '${name}'`);
        assert.ok(row, `role ${name}`);
        assert.deepEqual([row.rolcanlogin, row.rolinherit, row.rolbypassrls], [login, inherit, bypassrls], `attributes of ${name}`);
      }
      for (const [role, member] of MEMBERSHIPS) {
        assert.ok((await one(`SELECT pg_has_role('${member}', '${role}', 'MEMBER') AS ok`)).ok, `${member} is a member of ${role}`);
      }
      for (const grant of GRANTS) assert.ok((await one(`SELECT ${grant} AS ok`)).ok, grant);
    }));

    test('has the search_path, the default extensions, the publication, and is idempotent', async () => {
      const setting = await one(
        url,
        `SELECT array_to_string(setconfig, ',') AS s FROM pg_db_role_setting WHERE setdatabase = (SELECT oid FROM pg_database WHERE datname = current_database()) AND setrole = 0`,
      );
      assert.equal(setting.s, 'search_path="$user", public, extensions');
      const ext = (await query(url, `SELECT extname || '@' || extnamespace::regnamespace AS e FROM pg_extension ORDER BY 1`)).rows.map((r) => r.e);
      assert.ok(ext.includes('uuid-ossp@extensions') && ext.includes('pgcrypto@extensions'), ext.join(' '));
      // Supabase's other default extensions come in when the server has them (stand-ins or the real ones).
      const available = (await query(url, `SELECT name FROM pg_available_extensions WHERE name IN ('pgjwt', 'pg_graphql', 'supabase_vault')`)).rows;
      for (const { name } of available) assert.ok(ext.some((e: string) => e.startsWith(`${name}@`)), `${name} is created`);
      const pub = await one(url, `SELECT pg_get_userbyid(pubowner) AS owner, pubinsert AND pubupdate AND pubdelete AND pubtruncate AS all_ops FROM pg_publication WHERE pubname = 'supabase_realtime'`);
      assert.deepEqual({ ...pub }, { owner: 'postgres', all_ops: true });
      await withClient(url, async (c) => {
        await applySupabaseProfile(c);
        assert.equal(await looksLikeSupabase(c), true);
        assert.equal((await c.query('SHOW search_path')).rows[0].search_path, '"$user", public, extensions');
      });
    });

    // As the Supabase CLI's db diff does: an extension a project enables (the dashboard puts it in `extensions`) is a
    // difference; the ones every project has are not, nor are any extension's members one by one.
    test('an extension the project adds in the platform\'s schemas is compared by name; the defaults and members are not', async () => {
      const before = await profiled(srv);
      const after = await profiled(srv);
      await query(after, `CREATE EXTENSION pg_trgm WITH SCHEMA extensions; CREATE EXTENSION citext WITH SCHEMA extensions;
        CREATE TABLE public.tags (name extensions.citext PRIMARY KEY);
        CREATE INDEX tags_trgm ON public.tags USING gin ((name::text) extensions.gin_trgm_ops);`);
      const scope = { profile: 'supabase' as const };
      const { plan, sql, to } = await planBetween(before, after, scope);
      const extensions = Object.values(to.objects).filter((o) => o.kind === 'extension').map((o) => `${o.kind === 'extension' ? o.name : ''}@${o.kind === 'extension' ? o.schema : ''}`);
      assert.deepEqual(extensions.sort(), ['citext@extensions', 'pg_trgm@extensions']);
      assert.ok(!Object.keys(to.objects).some((k) => /similarity|gin_trgm|citext(in|out|eq)/.test(k)), 'no member is compared');
      const creates = plan.steps.map((x) => x.sql.split('\n')[0]!);
      assert.ok(creates.indexOf('CREATE EXTENSION IF NOT EXISTS "citext" WITH SCHEMA "extensions" VERSION \'' + (to.objects['extension "citext"'] as { version: string }).version + '\';') >= 0, sql);
      // Before the table and the index that use them.
      const at = (re: RegExp) => creates.findIndex((l) => re.test(l));
      assert.ok(at(/EXTENSION IF NOT EXISTS "pg_trgm"/) < at(/CREATE INDEX "?tags_trgm/), sql);
      assert.ok(at(/EXTENSION IF NOT EXISTS "citext"/) < at(/CREATE TABLE "public"."tags"/), sql);
      await query(before, sql);
      assert.equal((await planBetween(before, after, scope)).sql, '');
      // And the other way: the project dropped one.
      await query(after, `DROP INDEX public.tags_trgm; DROP EXTENSION pg_trgm;`);
      const back = await planBetween(before, after, scope);
      assert.match(back.sql, /DROP EXTENSION "pg_trgm";/);
      assert.doesNotMatch(back.sql, /pgcrypto|uuid-ossp|pg_stat_statements|pg_graphql|supabase_vault|pgsodium|pgjwt/);
    });

    test('a copy of the template is the profile, owners and grants included; an interrupted template is built again', async () => {
      const open = async (db: string) => {
        const c = new pg.Client({ connectionString: srv.server.url(db) });
        await c.connect();
        return c;
      };
      const copy = srv.server.url(`copy_${process.pid}`);
      const again = srv.server.url(`again_${process.pid}`);
      await withClient(srv.server.url('postgres'), async (admin) => {
        await createSupabaseDatabase(admin, `copy_${process.pid}`, open);
        const [template] = (await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE 'dbalign\\_supabase\\_%' AND datistemplate`)).rows;
        assert.ok(template, 'the template is kept, marked a template');
        // As if a build had stopped half-way: not marked, and missing a table.
        await admin.query(`ALTER DATABASE "${template.datname}" WITH IS_TEMPLATE false ALLOW_CONNECTIONS true`);
        await query(srv.server.url(template.datname), 'DROP TABLE auth.identities');
        await createSupabaseDatabase(admin, `again_${process.pid}`, open);
      });
      assert.ok((await one(again, `SELECT to_regclass('auth.identities') IS NOT NULL AS ok`)).ok, 'the template was built again');
      // Everything, Supabase's schemas included, owners too.
      const diff = await planBetween(url, copy, { profile: 'plain', withOwners: true });
      assert.equal(diff.sql.trim(), '', diff.sql);
      const setting = await one(copy, `SELECT array_to_string(setconfig, ',') AS s FROM pg_db_role_setting WHERE setdatabase = (SELECT oid FROM pg_database WHERE datname = current_database()) AND setrole = 0`);
      assert.equal(setting.s, 'search_path="$user", public, extensions');
    });

    test('policies and functions behave as on Supabase', async () => {
      const db = await profiled(srv);
      await query(db, `INSERT INTO storage.buckets (id, name) VALUES ('b', 'b')`);
      await query(db, `INSERT INTO storage.objects (bucket_id, name, metadata) VALUES ('b', 'u1/docs/a.tar.gz', '{"size": 5}'), ('b', 'u1/b.png', '{"size": 7}')`);
      assert.deepEqual(
        { ...(await one(db, `SELECT storage.foldername('u1/docs/a.tar.gz') AS f, storage.filename('u1/docs/a.tar.gz') AS n, storage.extension('u1/docs/a.tar.gz') AS e`)) },
        { f: ['u1', 'docs'], n: 'a.tar.gz', e: 'gz' },
      );
      assert.deepEqual({ ...(await one(db, `SELECT size::int, bucket_id FROM storage.get_size_by_bucket()`)) }, { size: 12, bucket_id: 'b' });
      const listing = (await query(db, `SELECT name, id IS NULL AS folder FROM storage.search('u1/', 'b', 100, 2)`)).rows;
      assert.deepEqual(listing.map((r) => `${r.name}${r.folder ? '/' : ''}`), ['b.png', 'docs/']);
      // The storage guard's triggers are left out (see storage.ts): older projects' migrations delete storage rows.
      await query(db, `DELETE FROM storage.objects WHERE name = 'u1/b.png'`);
      const claims = `SELECT set_config('request.jwt.claims', '{"sub": "00000000-0000-0000-0000-000000000001", "role": "authenticated", "email": "a@b.c"}', false)`;
      assert.equal((await one(db, `SELECT auth.uid() AS uid`)).uid, null, 'no claims, no user');
      await withClient(db, async (c) => {
        await c.query(claims);
        const row = (await c.query(`SELECT auth.uid()::text AS uid, auth.role() AS role, auth.email() AS email, auth.jwt() ->> 'sub' AS sub`)).rows[0];
        assert.deepEqual({ ...row }, { uid: '00000000-0000-0000-0000-000000000001', role: 'authenticated', email: 'a@b.c', sub: '00000000-0000-0000-0000-000000000001' });
        // No partition for today: the broadcast warns and the caller goes on, as on Supabase.
        await c.query(`SELECT realtime.send('{"a": 1}', 'ev', 'room:1', false)`);
        assert.equal((await c.query(`SELECT realtime.topic() AS t`)).rows[0].t, null);
      });
    });

    test('a Supabase project builds in the shadow and resets with seeds, and the diff is empty', async () => {
      const local = await srv.createDatabase('local');
      const dir = await makeProject({
        'supabase/config.toml': `[db]\nmajor_version = ${major}\n`,
        'supabase/migrations/20240101000000_baseline.sql': BASELINE,
        'supabase/migrations/20240102000000_dump.sql': DUMP_STYLE,
        'supabase/migrations/20240103000000_app.sql': APP,
        'supabase/seed.sql': SEED,
      });
      const reset = await runCli(['reset', '--yes', '--local', local, '--json'], { cwd: dir });
      assert.equal(reset.code, 0, reset.stderr);
      const user = await one(local, `SELECT u.encrypted_password LIKE '$2a$%' AS bcrypt, i.last_sign_in_at IS NOT NULL AS signed_in, i.email
                                       FROM auth.users u JOIN auth.identities i ON i.user_id = u.id`);
      assert.deepEqual({ ...user }, { bcrypt: true, signed_in: true, email: 'ada@example.com' });
      const note = await one(local, `SELECT length(token) AS len, length(digest_hex) AS hex FROM public.notes`);
      assert.deepEqual({ ...note }, { len: 32, hex: 64 });
      const diff = await runCli(['diff', '--from', 'migrations', '--to', local, '--exit-code'], { cwd: dir });
      assert.equal(diff.code, 0, `${diff.stdout}\n${diff.stderr}`);
      assert.equal(diff.stdout.trim(), '');
      // A shadow on a server given by --shadow gets the profile without the template.
      const onServer = await runCli(['diff', '--from', 'migrations', '--to', local, '--shadow', srv.server.url('postgres'), '--exit-code'], { cwd: dir });
      assert.equal(onServer.code, 0, `${onServer.stdout}\n${onServer.stderr}`);
      // The search_path is the database's, in force from a session's start (so a RESET ALL keeps it).
      assert.equal((await one(local, 'SHOW search_path')).search_path, '"$user", public, extensions');
    });

    // Supabase's images stopped creating pgsodium in 15.8.1.060; the Supabase CLI's default major (17, when
    // config.toml names none) has it on no image, so an older dump's first lines fail there as here.
    test(`a dump's CREATE EXTENSION pgsodium WITH SCHEMA pgsodium: ${major === 17 ? 'fails as on Supabase\'s PostgreSQL 17 image, saying why' : 'applies, the profile having pgsodium'}`, async () => {
      const local = await srv.createDatabase('pgsodium_dump');
      const dir = await makeProject({
        'supabase/config.toml': `[db]\nmajor_version = ${major}\n`,
        'supabase/migrations/20240101000000_remote_schema.sql':
          'CREATE EXTENSION IF NOT EXISTS "pg_net" WITH SCHEMA "extensions";\nCREATE EXTENSION IF NOT EXISTS "pgsodium" WITH SCHEMA "pgsodium";\nCREATE TABLE public.t (id int);\n',
      });
      const reset = await runCli(['reset', '--yes', '--local', local], { cwd: dir });
      const schemas = async () => (await query(local, `SELECT nspname FROM pg_namespace WHERE nspname = 'pgsodium'`)).rows.length;
      if (major === 17) {
        assert.equal(reset.code, 1, reset.stderr);
        assert.match(reset.stderr, /20240101000000_remote_schema\.sql failed at statement 2 \(line 2, column 1\): schema "pgsodium" does not exist \(Supabase's images create no pgsodium since 15\.8\.1\.060 \(none on PostgreSQL 17\), so `supabase db reset` stops here too: delete this statement/);
        assert.equal(await schemas(), 0);
      } else {
        assert.equal(reset.code, 0, reset.stderr);
        assert.equal(await schemas(), 1);
      }
    });
  });
}

/** The way a `supabase db dump` baseline starts: Supabase's default extensions, which exist already. */
const BASELINE = `
CREATE EXTENSION IF NOT EXISTS "pg_stat_statements" WITH SCHEMA "extensions";
CREATE EXTENSION IF NOT EXISTS "pgcrypto" WITH SCHEMA "extensions";
CREATE EXTENSION IF NOT EXISTS "uuid-ossp" WITH SCHEMA "extensions";
create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  username text unique,
  avatar_id uuid default uuid_generate_v4()
);
alter table public.profiles enable row level security;
create policy "own profile" on public.profiles for all to authenticated using (auth.uid() = id);
create policy "admins read" on public.profiles for select using ((auth.jwt() -> 'app_metadata' ->> 'role') = 'admin');
create policy "signed in" on public.profiles for select using ((select auth.role()) = 'authenticated');
`;

/** A dump's statements leave search_path empty for the rest of the file; the next file starts afresh. */
const DUMP_STYLE = `
SELECT pg_catalog.set_config('search_path', '', false);
CREATE TABLE public.rooms (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, name text NOT NULL);
ALTER TABLE public.rooms OWNER TO postgres;
`;

const APP = `
create table public.notes (
  id uuid primary key default uuid_generate_v4(),
  room_id bigint references public.rooms,
  owner uuid references auth.users,
  body text,
  token text default encode(gen_random_bytes(16), 'hex'),
  digest_hex text
);
create function public.notes_digest() returns trigger language plpgsql as $$
begin
  new.digest_hex := encode(digest(coalesce(new.body, ''), 'sha256'), 'hex');
  return new;
end $$;
create trigger notes_digest before insert or update on public.notes for each row execute function public.notes_digest();
create function public.notes_broadcast() returns trigger language plpgsql security definer as $$
begin
  perform realtime.broadcast_changes('room:' || coalesce(new.room_id, old.room_id)::text, tg_op, tg_op, tg_table_name, tg_table_schema, new, old);
  perform realtime.send(jsonb_build_object('id', coalesce(new.id, old.id)), 'note', 'notes', true);
  return null;
end $$;
create trigger notes_broadcast after insert or update or delete on public.notes for each row execute function public.notes_broadcast();
create policy "room members read" on realtime.messages for select to authenticated using (realtime.topic() like 'room:%');
alter publication supabase_realtime add table public.notes;
create or replace function public.check_password(user_id uuid, password text) returns boolean language sql security definer as $$
  select encrypted_password = crypt(password, encrypted_password) from auth.users where id = user_id
$$;
insert into storage.buckets (id, name, public) values ('avatars', 'avatars', true);
create policy "avatar upload" on storage.objects for insert to authenticated
  with check (bucket_id = 'avatars' and (storage.foldername(name))[1] = auth.uid()::text);
create table public.orders (id bigint generated always as identity primary key, total numeric);
create trigger "orders_webhook" after insert or update on public.orders for each row
  execute function supabase_functions.http_request('http://localhost:54321/functions/v1/order', 'POST', '{"Content-type":"application/json"}', '{}', '5000');
`;

/** A seed as real projects write it: every column of auth.users and auth.identities. */
const SEED = `
insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at, invited_at,
  confirmation_token, confirmation_sent_at, recovery_token, recovery_sent_at, email_change_token_new, email_change,
  email_change_sent_at, last_sign_in_at, raw_app_meta_data, raw_user_meta_data, is_super_admin, created_at, updated_at,
  phone, phone_confirmed_at, phone_change, phone_change_token, phone_change_sent_at, email_change_token_current,
  email_change_confirm_status, banned_until, reauthentication_token, reauthentication_sent_at, is_sso_user, deleted_at, is_anonymous)
values ('00000000-0000-0000-0000-000000000000', 'a0000000-0000-0000-0000-000000000001', 'authenticated', 'authenticated',
  'ada@example.com', crypt('password123', gen_salt('bf')), now(), null, '', null, '', null, '', '', null, now(),
  '{"provider": "email", "providers": ["email"]}', '{"name": "Ada"}', false, now(), now(), null, null, '', '', null, '', 0,
  null, '', null, false, null, false);
insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at, id)
values ('a0000000-0000-0000-0000-000000000001', 'a0000000-0000-0000-0000-000000000001',
  '{"sub": "a0000000-0000-0000-0000-000000000001", "email": "Ada@example.com"}', 'email', now(), now(), now(), gen_random_uuid());
insert into public.profiles (id, username) values ('a0000000-0000-0000-0000-000000000001', 'ada');
insert into public.rooms (name) values ('lobby');
insert into public.notes (room_id, owner, body) values (1, 'a0000000-0000-0000-0000-000000000001', 'hello');
`;
