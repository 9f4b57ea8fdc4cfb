/**
 * Operators, operator families and operator classes: one query per kind, and one each for the
 * operators and support functions of classes and families (pg_amop, pg_amproc).
 */
import { ident, keyOf, qualified } from '../keys.js';
import type { FamilyReader, Row } from '../reader.js';
import type { OperatorClass, OperatorFamily, OperatorMember, SupportFunction } from '../types.js';

/**
 * Operators made by CREATE OPERATOR. Shells (oprcode 0, made when another operator names one as
 * its commutator or negator before it exists) are left out: creating that operator makes them again.
 */
const OPERATORS = `
SELECT o.oid::text AS oid, n.nspname, o.oprname, pg_get_userbyid(o.oprowner) AS owner,
  CASE WHEN o.oprleft = 0 THEN NULL ELSE format_type(o.oprleft, NULL) END AS lefttype,
  format_type(o.oprright, NULL) AS righttype, format_type(o.oprresult, NULL) AS result,
  fn.nspname AS fnsp, f.proname AS fname,
  cn.nspname AS comnsp, c.oprname AS comname, nn.nspname AS negnsp, ng.oprname AS negname,
  rn.nspname AS restnsp, r.proname AS restname, jn.nspname AS joinnsp, j.proname AS joinname,
  o.oprcanhash, o.oprcanmerge,
  (SELECT json_agg(json_build_array(pn.nspname, p.oprname, CASE WHEN p.oprleft = 0 THEN NULL ELSE format_type(p.oprleft, NULL) END,
      format_type(p.oprright, NULL)))
    FROM pg_operator p JOIN pg_namespace pn ON pn.oid = p.oprnamespace
    WHERE p.oid <> o.oid AND ((p.oprcom = o.oid AND o.oprcom <> p.oid) OR (p.oprnegate = o.oid AND o.oprnegate <> p.oid))) AS namedby
FROM pg_operator o
JOIN pg_namespace n ON n.oid = o.oprnamespace
JOIN pg_proc f ON f.oid = o.oprcode JOIN pg_namespace fn ON fn.oid = f.pronamespace
LEFT JOIN pg_operator c ON c.oid = o.oprcom LEFT JOIN pg_namespace cn ON cn.oid = c.oprnamespace
LEFT JOIN pg_operator ng ON ng.oid = o.oprnegate LEFT JOIN pg_namespace nn ON nn.oid = ng.oprnamespace
LEFT JOIN pg_proc r ON r.oid = o.oprrest LEFT JOIN pg_namespace rn ON rn.oid = r.pronamespace
LEFT JOIN pg_proc j ON j.oid = o.oprjoin LEFT JOIN pg_namespace jn ON jn.oid = j.pronamespace
WHERE o.oprnamespace = ANY($1::oid[]) AND o.oid >= 16384`;

const FAMILIES = `
SELECT f.oid::text AS oid, n.nspname, f.opfname, am.amname, pg_get_userbyid(f.opfowner) AS owner
FROM pg_opfamily f JOIN pg_namespace n ON n.oid = f.opfnamespace JOIN pg_am am ON am.oid = f.opfmethod
WHERE f.opfnamespace = ANY($1::oid[]) AND f.oid >= 16384`;

const CLASSES = `
SELECT c.oid::text AS oid, n.nspname, c.opcname, am.amname, pg_get_userbyid(c.opcowner) AS owner,
  format_type(c.opcintype, NULL) AS type, c.opcdefault,
  fn.nspname AS famnsp, f.opfname AS famname,
  CASE WHEN c.opckeytype = 0 THEN NULL ELSE format_type(c.opckeytype, NULL) END AS storage
FROM pg_opclass c JOIN pg_namespace n ON n.oid = c.opcnamespace JOIN pg_am am ON am.oid = c.opcmethod
JOIN pg_opfamily f ON f.oid = c.opcfamily JOIN pg_namespace fn ON fn.oid = f.opfnamespace
WHERE c.opcnamespace = ANY($1::oid[]) AND c.oid >= 16384`;

/**
 * Members belong to the class (CREATE OPERATOR CLASS … AS) or loosely to the family (ALTER
 * OPERATOR FAMILY … ADD, or what the access method made loose): pg_depend tells which, as pg_dump reads it.
 */
const MEMBER_OPERATORS = `
SELECT d.refclassid::regclass::text AS refcls, d.refobjid::text AS ref, a.oid::text AS oid, a.amopstrategy AS strategy,
  n.nspname AS oprnsp, o.oprname,
  CASE WHEN o.oprleft = 0 THEN NULL ELSE format_type(o.oprleft, NULL) END AS lefttype, format_type(o.oprright, NULL) AS righttype,
  a.amoppurpose, sn.nspname AS sortnsp, sf.opfname AS sortname
FROM pg_amop a
JOIN pg_depend d ON d.classid = 'pg_amop'::regclass AND d.objid = a.oid
  AND d.refclassid IN ('pg_opclass'::regclass, 'pg_opfamily'::regclass) AND d.deptype IN ('i', 'a')
JOIN pg_operator o ON o.oid = a.amopopr JOIN pg_namespace n ON n.oid = o.oprnamespace
LEFT JOIN pg_opfamily sf ON sf.oid = a.amopsortfamily LEFT JOIN pg_namespace sn ON sn.oid = sf.opfnamespace
WHERE a.oid >= 16384`;

const MEMBER_FUNCTIONS = `
SELECT d.refclassid::regclass::text AS refcls, d.refobjid::text AS ref, p.oid::text AS oid, p.amprocnum AS number,
  format_type(p.amproclefttype, NULL) AS lefttype, format_type(p.amprocrighttype, NULL) AS righttype,
  p.amproc::regprocedure::text AS fn
FROM pg_amproc p
JOIN pg_depend d ON d.classid = 'pg_amproc'::regclass AND d.objid = p.oid
  AND d.refclassid IN ('pg_opclass'::regclass, 'pg_opfamily'::regclass) AND d.deptype IN ('i', 'a')
WHERE p.oid >= 16384`;

const ref = (schema: string | null, name: string | null): string | null => (schema === null || name === null ? null : qualified(schema, name));
/** An operator's qualified name: operator names are never quoted. */
const operatorRef = (schema: string | null, name: string | null): string | null => (schema === null || name === null ? null : `${ident(schema)}.${name}`);

export const readOperators: FamilyReader = {
  present: `EXISTS (SELECT FROM pg_operator WHERE oprnamespace = ANY($1::oid[])) OR EXISTS (SELECT FROM pg_opfamily WHERE opfnamespace = ANY($1::oid[])) OR EXISTS (SELECT FROM pg_opclass WHERE opcnamespace = ANY($1::oid[]))`,
  read: async (ctx) => {
    await ctx.each(OPERATORS, [ctx.nsOids], (r) => {
      if (ctx.member('pg_operator', r.oid)) return;
      const namedBy = ((r.namedby ?? []) as Array<[string, string, string | null, string]>).map(([n, o, l, rt]) => keyOf.operator(n, o, l, rt)).sort();
      ctx.add(
        ctx.own(
          {
            key: keyOf.operator(r.nspname, r.oprname, r.lefttype, r.righttype), deps: [] as string[], comment: null as string | null,
            kind: 'operator',
            schema: r.nspname,
            name: r.oprname,
            left: r.lefttype,
            right: r.righttype,
            result: r.result,
            function: qualified(r.fnsp, r.fname),
            commutator: operatorRef(r.comnsp, r.comname),
            negator: operatorRef(r.negnsp, r.negname),
            restrict: ref(r.restnsp, r.restname),
            join: ref(r.joinnsp, r.joinname),
            hashes: r.oprcanhash === true,
            merges: r.oprcanmerge === true,
            namedBy,
          },
          r.owner,
        ),
        'pg_operator',
        r.oid,
      );
      // Made after them: only filling the shell they left gives a link that goes one way.
      ctx.objects.get(keyOf.operator(r.nspname, r.oprname, r.lefttype, r.righttype))!.deps.push(...namedBy);
    });

    const families = new Map<string, OperatorFamily>();
    await ctx.each(FAMILIES, [ctx.nsOids], (r) => {
      if (ctx.member('pg_opfamily', r.oid)) return;
      const f: OperatorFamily = ctx.own(
        {
          key: keyOf.operatorFamily(r.nspname, r.opfname, r.amname), deps: [] as string[], comment: null as string | null,
          kind: 'operator_family',
          schema: r.nspname,
          name: r.opfname,
          method: r.amname,
          operators: [],
          functions: [],
        },
        r.owner,
      );
      families.set(r.oid, f);
      ctx.add(f, 'pg_opfamily', r.oid);
    });

    const classes = new Map<string, OperatorClass>();
    await ctx.each(CLASSES, [ctx.nsOids], (r) => {
      if (ctx.member('pg_opclass', r.oid)) return;
      const c: OperatorClass = ctx.own(
        {
          key: keyOf.operatorClass(r.nspname, r.opcname, r.amname), deps: [] as string[], comment: null as string | null,
          kind: 'operator_class',
          schema: r.nspname,
          name: r.opcname,
          method: r.amname,
          type: r.type,
          default: r.opcdefault === true,
          family: qualified(r.famnsp, r.famname),
          storage: r.storage,
          operators: [],
          functions: [],
        },
        r.owner,
      );
      classes.set(r.oid, c);
      ctx.add(c, 'pg_opclass', r.oid);
    });

    /** The class or family a member row belongs to; its pg_depend rows (on operators, functions) then count as that object's. */
    const owner = (r: Row, cls: string): OperatorClass | OperatorFamily | undefined => {
      const o = r.refcls === 'pg_opclass' ? classes.get(r.ref) : families.get(r.ref);
      if (o) ctx.resolve.set(cls, r.oid, o.key);
      return o;
    };
    await ctx.each(MEMBER_OPERATORS, [], (r) => {
      const o = owner(r, 'pg_amop');
      if (!o) return;
      const m: OperatorMember = {
        strategy: r.strategy,
        operator: operatorRef(r.oprnsp, r.oprname)!,
        left: r.lefttype,
        right: r.righttype,
        orderFamily: r.amoppurpose === 'o' ? ref(r.sortnsp, r.sortname) : null,
      };
      o.operators.push(m);
    });
    await ctx.each(MEMBER_FUNCTIONS, [], (r) => {
      const o = owner(r, 'pg_amproc');
      if (!o) return;
      const f: SupportFunction = { number: r.number, left: r.lefttype, right: r.righttype, function: r.fn };
      o.functions.push(f);
    });
    // One order on both sides, whatever order the rows came in.
    const text = (x: string | null) => x ?? '';
    for (const o of [...families.values(), ...classes.values()]) {
      o.operators.sort((a, b) => a.strategy - b.strategy || cmp(text(a.left), text(b.left)) || cmp(a.right, b.right));
      o.functions.sort((a, b) => a.number - b.number || cmp(a.left, b.left) || cmp(a.right, b.right));
    }
  },
};

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
