/**
 * Foreign-data wrappers, foreign servers, user mappings, and what makes a table foreign (its
 * server and options, its columns' options). Wrappers, servers and mappings belong to the
 * database, not to a schema: all are read, but those an extension made are its own. Secrets in
 * options are never read (catalog/secrets.ts).
 */
import { keyOf } from '../keys.js';
import type { CatalogReader, FamilyReader, Row } from '../reader.js';
import { maskOptions } from '../secrets.js';
import type { Column, ForeignDataWrapper, ForeignServer, Table, UserMapping } from '../types.js';

/** aclexplode rows of an ACL, the owner's own left out; NULL (the default: the owner's only) gives none. */
function acl(column: string, owner: string): string {
  return `(SELECT json_agg(json_build_array(CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee) END, a.privilege_type, a.is_grantable))
    FROM aclexplode(${column}) a WHERE a.grantee <> ${owner})`;
}

const WRAPPERS = `
SELECT w.oid::text AS oid, w.fdwname, pg_get_userbyid(w.fdwowner) AS owner,
  CASE WHEN w.fdwhandler <> 0 THEN w.fdwhandler::regproc::text END AS handler,
  CASE WHEN w.fdwvalidator <> 0 THEN w.fdwvalidator::regproc::text END AS validator,
  w.fdwoptions, ${acl('w.fdwacl', 'w.fdwowner')} AS grants
FROM pg_foreign_data_wrapper w`;

const SERVERS = `
SELECT s.oid::text AS oid, s.srvname, w.fdwname, s.srvtype, s.srvversion, s.srvoptions,
  pg_get_userbyid(s.srvowner) AS owner, ${acl('s.srvacl', 's.srvowner')} AS grants
FROM pg_foreign_server s JOIN pg_foreign_data_wrapper w ON w.oid = s.srvfdw`;

/**
 * pg_user_mappings, which any role may read (pg_user_mapping only superusers): it shows a mapping's
 * options only to whom the view's own rule lets see them, which `readable` repeats, so a mapping
 * without options is told from one whose options are hidden.
 */
const USER_MAPPINGS = `
SELECT m.umid::text AS oid, m.srvname, CASE WHEN m.umuser = 0 THEN 'PUBLIC' ELSE m.usename::text END AS role, m.umoptions,
  coalesce((SELECT r.rolsuper FROM pg_roles r WHERE r.rolname = current_user), false)
    OR (m.umuser <> 0 AND m.usename = current_user AND (pg_has_role(s.srvowner, 'USAGE') OR has_server_privilege(s.oid, 'USAGE')))
    OR (m.umuser = 0 AND pg_has_role(s.srvowner, 'USAGE')) AS readable
FROM pg_user_mappings m JOIN pg_foreign_server s ON s.oid = m.srvid`;

const FOREIGN_TABLES = `
SELECT ft.ftrelid::text AS rel, s.srvname, ft.ftoptions
FROM pg_foreign_table ft JOIN pg_foreign_server s ON s.oid = ft.ftserver JOIN pg_class c ON c.oid = ft.ftrelid
WHERE c.relnamespace = ANY($1::oid[])`;

const FOREIGN_COLUMN_OPTIONS = `
SELECT a.attrelid::text AS rel, a.attname, a.attfdwoptions
FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
WHERE c.relkind = 'f' AND c.relnamespace = ANY($1::oid[]) AND a.attnum > 0 AND NOT a.attisdropped AND a.attfdwoptions IS NOT NULL`;

function tableOf(ctx: CatalogReader, oid: string): Table | undefined {
  const key = ctx.resolve.get('pg_class', oid);
  const obj = key === undefined ? undefined : ctx.objects.get(key);
  return obj?.kind === 'table' ? obj : undefined;
}

export const readForeign: FamilyReader = {
  present: `EXISTS (SELECT FROM pg_foreign_data_wrapper) OR EXISTS (SELECT FROM pg_foreign_server)`,
  read: async (ctx) => {
    await ctx.each(WRAPPERS, [], (r: Row) => {
      if (ctx.member('pg_foreign_data_wrapper', r.oid)) return;
      const w: ForeignDataWrapper = ctx.own(
        {
          key: keyOf.foreignDataWrapper(r.fdwname), deps: [] as string[], comment: null as string | null,
          kind: 'foreign_data_wrapper',
          name: r.fdwname,
          handler: r.handler,
          validator: r.validator,
          options: maskOptions(r.fdwoptions),
          grants: ctx.grants(r.grants),
        },
        r.owner,
      );
      ctx.add(w, 'pg_foreign_data_wrapper', r.oid);
    });

    await ctx.each(SERVERS, [], (r: Row) => {
      if (ctx.member('pg_foreign_server', r.oid)) return;
      const wrapper = keyOf.foreignDataWrapper(r.fdwname);
      const srv: ForeignServer = ctx.own(
        {
          key: keyOf.server(r.srvname), deps: [] as string[], comment: null as string | null,
          kind: 'server',
          name: r.srvname,
          wrapper,
          wrapperName: r.fdwname,
          type: r.srvtype,
          version: r.srvversion,
          options: maskOptions(r.srvoptions),
          grants: ctx.grants(r.grants),
        },
        r.owner,
      );
      if (ctx.objects.has(wrapper)) srv.deps.push(wrapper);
      ctx.add(srv, 'pg_foreign_server', r.oid);
    });

    const hidden: string[] = [];
    await ctx.each(USER_MAPPINGS, [], (r: Row) => {
      const server = keyOf.server(r.srvname);
      if (!ctx.objects.has(server)) return;
      const m: UserMapping = {
        key: keyOf.userMapping(r.role, r.srvname), deps: [server], comment: null,
        kind: 'user_mapping',
        role: r.role,
        server,
        serverName: r.srvname,
        options: r.readable ? maskOptions(r.umoptions) : null,
      };
      if (!r.readable) hidden.push(m.key);
      ctx.add(m, 'pg_user_mapping', r.oid);
    });
    if (hidden.length)
      ctx.warnings.push(`the options of ${hidden.length} user mapping(s) are hidden from this role (${hidden.slice(0, 3).join(', ')}${hidden.length > 3 ? ', …' : ''}): they are not compared; read as a superuser or the servers' owner to compare them`);

    await ctx.each(FOREIGN_TABLES, [ctx.nsOids], (r: Row) => {
      const t = tableOf(ctx, r.rel);
      if (!t) return;
      t.foreign = { server: keyOf.server(r.srvname), serverName: r.srvname, options: maskOptions(r.ftoptions) };
      if (ctx.objects.has(t.foreign.server)) t.deps.push(t.foreign.server);
    });
    await ctx.each(FOREIGN_COLUMN_OPTIONS, [ctx.nsOids], (r: Row) => {
      const c: Column | undefined = tableOf(ctx, r.rel)?.columns.find((x) => x.name === r.attname);
      if (c) c.options = maskOptions(r.attfdwoptions);
    });
  },
};
