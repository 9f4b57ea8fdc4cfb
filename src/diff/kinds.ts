/**
 * What the diff knows of each kind, in one table the compiler checks for completeness: whether it
 * can be dropped and created again without losing data, whether it stops a column it uses from
 * changing, and why one definition cannot become another in place.
 */
import type { BaseType, DbObject, Kind, ObjectOf, Table, View } from '../catalog/types.js';
import { stable, standinPair, stripNotValid, structural } from './compare.js';

export interface DiffRule<O extends DbObject> {
  /** Dropped and created again without losing data (when something it uses is rebuilt); per object where that varies. */
  rebuildable: boolean | ((obj: O) => boolean);
  /** Stops a column's type from changing, or the column from going, while it uses it. */
  blocksColumnChange(obj: O): boolean;
  /**
   * Why `before` cannot be altered into `after` in place, or null when it can; only asked when
   * their structure (all but comments, grants and owners) differs.
   */
  rebuildReason(before: O, after: O): string | null;
  /**
   * Keys of objects whose catalog entry PostgreSQL edits when this one is dropped or created (an
   * operator's commutator and negator): they are rebuilt with it unless that edit restores them.
   */
  links?(obj: O): string[];
}

export type DiffRules = { [K in Kind]: DiffRule<ObjectOf<K>> };

const never = () => false;
const always = () => true;
const inPlace = () => null;
const definition = <O extends { definition: string }>(before: O, after: O) => (before.definition !== after.definition ? 'definition changes' : null);

function isSubsequence(small: string[], big: string[]): boolean {
  let i = 0;
  for (const x of big) if (i < small.length && small[i] === x) i++;
  return i === small.length;
}

export const DIFF_RULES: DiffRules = {
  schema: { rebuildable: false, blocksColumnChange: never, rebuildReason: inPlace },
  extension: {
    rebuildable: false,
    blocksColumnChange: never,
    rebuildReason: (before, after) => {
      if (standinPair(before, after)) return null;
      if (before.schema !== after.schema && (before.relocatable === false || after.relocatable === false)) return 'not relocatable: it moves to another schema only by being dropped and created';
      return after.version === before.version || before.updatableTo.includes(after.version) ? null : `no update path from version ${before.version} to ${after.version}`;
    },
  },
  // Nothing about a collation changes in place.
  collation: { rebuildable: true, blocksColumnChange: never, rebuildReason: () => 'definition changes' },
  type: {
    rebuildable: true,
    blocksColumnChange: never,
    rebuildReason: (before, a) => {
      if (before.type !== a.type) return 'changes kind';
      if (before.type === 'enum' && a.type === 'enum') return isSubsequence(before.labels, a.labels) ? null : 'enum values removed or reordered';
      if (before.type === 'domain' && a.type === 'domain') return before.base !== a.base || before.collation !== a.collation ? 'base type changes' : null;
      if (before.type === 'composite' || before.type === 'shell') return null;
      if (before.type === 'base' && a.type === 'base') {
        // ALTER TYPE … SET changes these; the input and output functions and the layout it cannot.
        const fixed = (t: BaseType) => {
          const { receive: _r, send: _s, typmodIn: _i, typmodOut: _o, analyze: _a, subscript: _u, storage: _t, ...rest } = structural(t) as BaseType;
          return stable(rest);
        };
        return fixed(before) === fixed(a) ? null : 'definition changes';
      }
      return 'definition changes';
    },
  },
  sequence: { rebuildable: false, blocksColumnChange: never, rebuildReason: inPlace },
  table: {
    // A foreign table holds no rows here: it can go and come back.
    rebuildable: (t) => t.foreign !== undefined,
    blocksColumnChange: never,
    rebuildReason: (before: Table, a: Table) => {
      if (before.managed || a.managed) return null;
      if (!before.foreign !== !a.foreign) return a.foreign ? 'becomes a foreign table' : 'stops being a foreign table';
      // No ALTER moves a foreign table to another server.
      if (before.foreign && a.foreign && before.foreign.server !== a.foreign.server) return 'server changes';
      if (before.partitioned !== a.partitioned) return a.partitioned ? 'becomes partitioned' : 'stops being partitioned';
      if (before.partitionKey !== a.partitionKey) return 'partition key changes';
      return null;
    },
  },
  constraint: {
    rebuildable: true,
    blocksColumnChange: never,
    rebuildReason: (before, a) => {
      if (before.type !== a.type || stripNotValid(before.definition) !== stripNotValid(a.definition)) return 'definition changes';
      if (before.validated && !a.validated) return 'becomes NOT VALID';
      return null;
    },
  },
  index: {
    rebuildable: true,
    blocksColumnChange: never,
    // Attaching and detaching follow the tables; only the definition needs a rebuild.
    rebuildReason: (before, a) => (before.definition.replace(' ON ONLY ', ' ON ') !== a.definition.replace(' ON ONLY ', ' ON ') ? 'definition changes' : null),
  },
  view: {
    rebuildable: true,
    blocksColumnChange: always,
    rebuildReason: (before, a) => {
      const cols = (v: View) => v.columns.map((c) => `${c.name}\u0000${c.type}`);
      const old = cols(before);
      const now = cols(a);
      return old.every((c, i) => now[i] === c) ? null : 'columns change';
    },
  },
  // A materialized view's query cannot be replaced: any structural change but its storage
  // parameters, tablespace and the index it is clustered on rebuilds it.
  matview: {
    rebuildable: true,
    blocksColumnChange: always,
    rebuildReason: (before, a) => {
      const query = (v: View) => stable(structural({ ...v, options: [], clusterOn: undefined, tablespace: undefined }));
      return query(before) === query(a) ? null : 'definition changes';
    },
  },
  function: {
    rebuildable: true,
    blocksColumnChange: always,
    rebuildReason: (before, a) => {
      if (before.prokind === 'a') return 'aggregate changes';
      if (before.prokind !== a.prokind) return 'kind changes';
      if (before.result !== a.result) return 'return type changes';
      if (before.arguments !== a.arguments) return 'argument names or defaults change';
      return null;
    },
  },
  trigger: {
    rebuildable: true,
    // Only a trigger that names columns (UPDATE OF, WHEN) holds on to them.
    blocksColumnChange: (t) => / WHEN \(| OF /.test(t.definition),
    rebuildReason: definition,
  },
  event_trigger: {
    rebuildable: true,
    blocksColumnChange: never,
    rebuildReason: (before, after) => {
      const { enabled: _x, ...b } = structural(before) as { enabled: string };
      const { enabled: _y, ...c } = structural(after) as { enabled: string };
      return stable(b) === stable(c) ? null : 'definition changes';
    },
  },
  policy: {
    rebuildable: true,
    blocksColumnChange: always,
    rebuildReason: (before, a) => {
      if (before.permissive !== a.permissive || before.command !== a.command) return 'command or permissiveness changes';
      if ((before.using !== null && a.using === null) || (before.check !== null && a.check === null)) return 'expression removed';
      return null;
    },
  },
  rule: { rebuildable: true, blocksColumnChange: always, rebuildReason: definition },
  publication: {
    rebuildable: true,
    blocksColumnChange: never,
    // Its tables, schemas and options change in place (subscribers keep it); FOR ALL TABLES cannot.
    rebuildReason: (before, a) => (before.allTables !== a.allTables ? 'FOR ALL TABLES changes' : null),
  },
  default_acl: { rebuildable: false, blocksColumnChange: never, rebuildReason: inPlace },
  // Handler, validator and options change in place.
  foreign_data_wrapper: { rebuildable: false, blocksColumnChange: never, rebuildReason: inPlace },
  // No ALTER SERVER changes its wrapper or type; its mappings and foreign tables are made again with it.
  server: {
    rebuildable: true,
    blocksColumnChange: never,
    rebuildReason: (before, a) => (before.wrapper !== a.wrapper ? 'wrapper changes' : before.type !== a.type ? 'type changes' : null),
  },
  user_mapping: { rebuildable: true, blocksColumnChange: never, rebuildReason: inPlace },
  // two_phase cannot change before PostgreSQL 18; the rest changes in place, without connecting.
  subscription: {
    rebuildable: false,
    blocksColumnChange: never,
    rebuildReason: (before, a) => (before.options.includes('two_phase = true') !== a.options.includes('two_phase = true') ? 'two_phase changes' : null),
  },
  // ALTER OPERATOR … SET changes only the estimators on every major this supports (15 has no more).
  operator: {
    rebuildable: true,
    blocksColumnChange: never,
    rebuildReason: (before, a) => {
      const { restrict: _r, join: _j, ...b } = structural(before) as { restrict: unknown; join: unknown };
      const { restrict: _s, join: _k, ...c } = structural(a) as { restrict: unknown; join: unknown };
      return stable(b) === stable(c) ? null : 'definition changes';
    },
    // The commutator of (l, r) takes (r, l); the negator takes (l, r).
    links: (o) => [
      ...(o.commutator ? [`operator ${o.commutator}(${o.right}, ${o.left ?? 'NONE'})`] : []),
      ...(o.negator ? [`operator ${o.negator}(${o.left ?? 'NONE'}, ${o.right})`] : []),
    ],
  },
  // Loose members are added and dropped in place, also when what they held goes: never rebuilt,
  // which would take its classes (and their indexes) with it.
  operator_family: { rebuildable: false, blocksColumnChange: never, rebuildReason: inPlace },
  // No ALTER OPERATOR CLASS changes members: every structural change rebuilds it (and the indexes using it).
  operator_class: { rebuildable: true, blocksColumnChange: never, rebuildReason: () => 'definition changes' },
  // No ALTER CAST.
  cast: { rebuildable: true, blocksColumnChange: never, rebuildReason: () => 'definition changes' },
  // Parsers, templates and conversions have no ALTER for what they are.
  text_search_parser: { rebuildable: true, blocksColumnChange: never, rebuildReason: () => 'definition changes' },
  text_search_template: { rebuildable: true, blocksColumnChange: never, rebuildReason: () => 'definition changes' },
  // Options change in place (ALTER … (option = value)); the template cannot.
  text_search_dictionary: { rebuildable: true, blocksColumnChange: never, rebuildReason: (b, a) => (b.template !== a.template ? 'template changes' : null) },
  // Mappings change in place (ADD / ALTER / DROP MAPPING); the parser cannot.
  text_search_configuration: { rebuildable: true, blocksColumnChange: never, rebuildReason: (b, a) => (b.parser !== a.parser ? 'parser changes' : null) },
  // ALTER COLUMN … TYPE rebuilds a statistics object itself; its target changes in place.
  statistics: { rebuildable: true, blocksColumnChange: never, rebuildReason: definition },
  conversion: { rebuildable: true, blocksColumnChange: never, rebuildReason: () => 'definition changes' },
  // CREATE OR REPLACE LANGUAGE changes it in place, keeping the functions written in it.
  language: { rebuildable: false, blocksColumnChange: never, rebuildReason: inPlace },
  // No ALTER ACCESS METHOD: a new handler or type rebuilds it, with what uses it.
  access_method: { rebuildable: true, blocksColumnChange: never, rebuildReason: () => 'definition changes' },
  // CREATE OR REPLACE TRANSFORM changes its functions in place.
  transform: { rebuildable: true, blocksColumnChange: never, rebuildReason: inPlace },
};

/** Whether an object can be dropped and created again without losing data. */
export function isRebuildable<O extends DbObject>(rule: DiffRule<O>, obj: O): boolean {
  return typeof rule.rebuildable === 'function' ? rule.rebuildable(obj) : rule.rebuildable;
}

/** The rule of an object's kind (the one place a kind's union is narrowed to its object type). */
export function diffRuleOf<O extends DbObject>(obj: O): DiffRule<O> {
  return DIFF_RULES[obj.kind] as unknown as DiffRule<O>;
}

/**
 * Why `before` cannot be altered into `after` in place (so it must be dropped
 * and created again), or null when it can. Both have the same kind.
 */
export function rebuildReason<O extends DbObject>(before: O, after: O): string | null {
  if (stable(structural(before)) === stable(structural(after))) return null;
  return diffRuleOf(before).rebuildReason(before, after);
}
