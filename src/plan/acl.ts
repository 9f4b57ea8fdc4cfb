/** Privileges, comments and owners: what follows an object once it exists, for every kind alike. */
import { ident, literal } from '../catalog/keys.js';
import { OWNER_LACKS, type DbObject, type DefaultAcl, type Grant, type SecurityLabel } from '../catalog/types.js';
import type { KindSpec, SqlContext } from './kinds/spec.js';

export function grantee(name: string): string {
  return name === 'PUBLIC' ? 'PUBLIC' : ident(name);
}

/**
 * GRANT/REVOKE turning `before` into `after` (privileges keyed by grantee). A privilege the owner
 * lacks (OWNER_LACKS) is revoked from `owner` when it appears and granted back when it goes.
 */
export function grantStatements(target: string, before: Grant[], after: Grant[], columns?: string, owner = 'CURRENT_USER'): string[] {
  const lacks = (list: Grant[]) => list.filter((g) => g.grantee === OWNER_LACKS).map((g) => g.privilege);
  const lackedBefore = lacks(before);
  const lackedNow = lacks(after);
  if (lackedBefore.length || lackedNow.length) {
    const gone = lackedNow.filter((p) => !lackedBefore.includes(p));
    const back = lackedBefore.filter((p) => !lackedNow.includes(p));
    const rest = grantStatements(target, before.filter((g) => g.grantee !== OWNER_LACKS), after.filter((g) => g.grantee !== OWNER_LACKS), columns);
    return [
      ...(back.length ? [`GRANT ${back.join(', ')} ON ${target} TO ${owner};`] : []),
      ...rest,
      ...(gone.length ? [`REVOKE ${gone.join(', ')} ON ${target} FROM ${owner};`] : []),
    ];
  }
  const key = (g: Grant) => `${g.grantee}\u0000${g.privilege}`;
  const old = new Map(before.map((g) => [key(g), g]));
  const now = new Map(after.map((g) => [key(g), g]));
  const out: string[] = [];
  const grouped = (list: Grant[], render: (privs: string, who: string) => string) => {
    const by = new Map<string, string[]>();
    for (const g of list) by.set(g.grantee, [...(by.get(g.grantee) ?? []), g.privilege]);
    for (const [who, privs] of by) out.push(render(privs.join(', '), grantee(who)));
  };
  grouped(
    before.filter((g) => !now.has(key(g))),
    (p, who) => `REVOKE ${columns ? p.split(', ').map((x) => `${x} (${columns})`).join(', ') : p} ON ${target} FROM ${who};`,
  );
  grouped(
    before.filter((g) => g.grantable && now.get(key(g))?.grantable === false),
    (p, who) => `REVOKE GRANT OPTION FOR ${columns ? p.split(', ').map((x) => `${x} (${columns})`).join(', ') : p} ON ${target} FROM ${who};`,
  );
  const add = after.filter((g) => !old.has(key(g)) || (g.grantable && !old.get(key(g))!.grantable));
  grouped(
    add.filter((g) => !g.grantable),
    (p, who) => `GRANT ${columns ? p.split(', ').map((x) => `${x} (${columns})`).join(', ') : p} ON ${target} TO ${who};`,
  );
  grouped(
    add.filter((g) => g.grantable),
    (p, who) => `GRANT ${columns ? p.split(', ').map((x) => `${x} (${columns})`).join(', ') : p} ON ${target} TO ${who} WITH GRANT OPTION;`,
  );
  return out;
}

/**
 * Privileges a new object may get on creation: PostgreSQL's built-in ones
 * plus whatever default privileges in the target grant. Each is set
 * explicitly afterwards, so the result does not depend on who runs the plan.
 */
function initialGrants<O extends DbObject>(spec: KindSpec<O>, obj: O, ctx: SqlContext): Grant[] {
  const out: Grant[] = [...spec.builtinGrants];
  const type = spec.defaultPrivileges;
  if (!type) return out;
  const schema = 'schema' in obj ? obj.schema : null;
  const applicable = ctx.defaultAcls.filter(
    (o) => o.objectType === type && (o.schema === null || o.schema === schema) && (!ctx.withOwners || !obj.owner || o.role === obj.owner),
  );
  // Default privileges apply to what their role creates, and whoever runs the plan creates the
  // object and owns it: a role that has default privileges here may be that creator, and an
  // owner's own privileges are never revoked.
  const creators = new Set(ctx.withOwners && obj.owner ? [obj.owner] : applicable.map((o) => o.role));
  const seen = new Set<string>();
  for (const o of applicable) {
    for (const g of o.grants) {
      const key = `${g.grantee}\u0000${g.privilege}`;
      if (creators.has(g.grantee) || seen.has(key)) continue;
      seen.add(key);
      out.push({ ...g, grantable: false });
    }
  }
  return out;
}

/** Comment, privileges and owner of an object (`spec` is its kind's), after it exists. */
export function metaStatements<O extends DbObject>(spec: KindSpec<O>, before: O | null, after: O, ctx: SqlContext): string[] {
  const out: string[] = [];
  const ref = spec.reference(after);
  // A stand-in's comment is dbalign's, never one to write elsewhere.
  const standin = after.kind === 'extension' && (after.standin || (before?.kind === 'extension' && before.standin));
  if (ref && !standin && (before?.comment ?? null) !== after.comment) {
    out.push(`COMMENT ON ${ref.type} ${ref.name} IS ${after.comment === null ? 'NULL' : literal(after.comment)};`);
  }
  if (ref) out.push(...securityLabelStatements(`${ref.type} ${ref.name}`, before?.securityLabels, after.securityLabels));
  const target = spec.grantTarget?.(after) ?? null;
  // The owner while privileges change (ALTER … OWNER TO comes after): without --with-owners,
  // whoever runs the plan, who also creates what is new.
  const owner = ctx.withOwners && before?.owner ? ident(before.owner) : 'CURRENT_USER';
  if (target && 'grants' in after) {
    if (before && 'grants' in before) out.push(...grantStatements(target, before.grants, after.grants, undefined, owner));
    else {
      // New object: revoke what it may have been given, grant everything it should have
      // (PostgreSQL's built-in PUBLIC grants too, unless a global default ACL may have removed them);
      // the owner's own privileges it lacks are revoked, those a default ACL took are given back.
      const initial = initialGrants(spec, after, ctx);
      out.push(...grantStatements(target, initial, after.grants, undefined, owner).filter((x) => x.startsWith('REVOKE ') || x.endsWith(` TO ${owner};`)));
      const type = spec.defaultPrivileges;
      const builtinSure = !ctx.defaultAcls.some((d) => d.schema === null && d.objectType === type);
      const builtin = builtinSure ? [...spec.builtinGrants] : [];
      out.push(...grantStatements(target, builtin, after.grants).filter((x) => !x.startsWith('REVOKE ')));
    }
  }
  if (ctx.withOwners && after.owner && ref && before?.owner !== after.owner && spec.ownable) {
    out.push(`ALTER ${ref.type} ${ref.name} OWNER TO ${ident(after.owner)};`);
  }
  if (spec.partMeta) out.push(...spec.partMeta(before, after, ctx));
  return out;
}

/** SECURITY LABEL FOR … IS, per provider whose label changes, or IS NULL for one that goes. */
export function securityLabelStatements(what: string, before: SecurityLabel[] | undefined, after: SecurityLabel[] | undefined): string[] {
  const old = new Map((before ?? []).map((l) => [l.provider, l.label]));
  const now = new Map((after ?? []).map((l) => [l.provider, l.label]));
  const out: string[] = [];
  for (const [provider, label] of now) if (old.get(provider) !== label) out.push(`SECURITY LABEL FOR ${ident(provider)} ON ${what} IS ${literal(label)};`);
  for (const provider of old.keys()) if (!now.has(provider)) out.push(`SECURITY LABEL FOR ${ident(provider)} ON ${what} IS NULL;`);
  return out;
}

/** COMMENT ON … IS, or IS NULL to remove it. */
export function commentOn(what: string, comment: string | null | undefined): string {
  return `COMMENT ON ${what} IS ${comment === null || comment === undefined ? 'NULL' : literal(comment)};`;
}

/** Privileges PostgreSQL gives without any default ACL entry (the owner's are implicit). */
function builtinDefaultGrants(d: DefaultAcl): Grant[] {
  if (d.schema !== null) return [];
  if (d.objectType === 'FUNCTIONS') return [{ grantee: 'PUBLIC', privilege: 'EXECUTE', grantable: false }];
  if (d.objectType === 'TYPES') return [{ grantee: 'PUBLIC', privilege: 'USAGE', grantable: false }];
  return [];
}

export function defaultAclStatements(before: DefaultAcl | null, after: DefaultAcl | null): string[] {
  const d = (after ?? before)!;
  const prefix = `ALTER DEFAULT PRIVILEGES FOR ROLE ${ident(d.role)}${d.schema !== null ? ` IN SCHEMA ${ident(d.schema)}` : ''}`;
  const old = before ? before.grants : builtinDefaultGrants(d);
  const now = after ? after.grants : builtinDefaultGrants(d);
  const target = `${d.objectType}`;
  return grantStatements(target, old, now, undefined, ident(d.role)).map((x) => `${prefix} ${x.replace(` ON ${target} `, ` ON ${target} `)}`);
}
