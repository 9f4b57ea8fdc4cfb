/** Commands on schemas: diff and snapshot. */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import type { Snapshot } from '../catalog/types.js';
import { keyOf } from '../catalog/keys.js';
import type { Client } from '../db/connection.js';
import { writeDurably } from '../durable.js';
import { DbalignError } from '../errors.js';
import { UnsafePlanError } from '../plan/types.js';
import { scopeFor } from '../procedure/schema.js';
import { compareWithRenames } from '../procedure/renames.js';
import { closeConnections, readSource, SHADOW_SOURCES, sourceKind, sourceMajor, type SourceContext } from '../procedure/sources.js';
import { project, rememberSecret, renameOptions, resolveProfile, withCommon, type Common, type OutputFactory } from './common.js';

interface SchemaOpts extends Common {
  schema?: string[];
  excludeSchema?: string[];
  withOwners?: boolean;
}

const collect = (v: string, all: string[] = []) => [...all, v];

async function context(opts: SchemaOpts, sources: string[]): Promise<SourceContext> {
  const p = await project(opts);
  for (const s of sources) if (sourceKind(s) === 'url') rememberSecret(s);
  rememberSecret(opts.remote ?? process.env.DBALIGN_REMOTE_URL);
  rememberSecret(opts.local ?? process.env.DBALIGN_LOCAL_URL);
  const url = sources.find((s) => sourceKind(s) === 'url') ?? (sources.includes('remote') ? (opts.remote ?? process.env.DBALIGN_REMOTE_URL) : undefined);
  const connected = new Map<string, Client>();
  const profile = await resolveProfile(opts, p, url, connected);
  const ctx: SourceContext = {
    project: p,
    scope: scopeFor(profile, { include: opts.schema, exclude: opts.excludeSchema, withOwners: opts.withOwners }),
    remote: opts.remote,
    local: opts.local,
    shadow: opts.shadow,
    connected,
  };
  try {
    // A shadow reads like the database it is compared with.
    if (sources.some((s) => SHADOW_SOURCES.includes(sourceKind(s)))) {
      for (const s of sources) {
        const major = SHADOW_SOURCES.includes(sourceKind(s)) ? undefined : await sourceMajor(s, ctx);
        if (major) ctx.major = major;
      }
    }
  } catch (err) {
    await closeConnections(ctx);
    throw err;
  }
  return ctx;
}

function scopeOptions(cmd: Command): Command {
  return cmd
    .option('--schema <name>', 'compare only this schema (repeatable)', collect)
    .option('--exclude-schema <name>', 'leave this schema out (repeatable)', collect)
    .option('--with-owners', 'also compare owners');
}

export function schemaCommands(program: Command, out: OutputFactory): void {
  scopeOptions(
    withCommon(program.command('diff').description('print the SQL that turns one schema into another'), {
      renames: true,
      remote: true,
      local: true,
      shadow: true,
      profile: true,
      json: true,
    }),
  )
    .requiredOption('--from <src>', 'postgresql:// URL, local, remote, migrations, schemas (the declarative files), or a snapshot .json file')
    .requiredOption('--to <src>', 'the same kinds as --from')
    .option('--exit-code', 'exit 2 when the schemas differ')
    .option('--safe', 'refuse to print statements that delete data')
    .addHelpText(
      'after',
      `
Examples:
  $ dbalign diff --from migrations --to remote            # what production has that the migrations do not build
  $ dbalign diff --from migrations --to schemas           # what the declarative files declare that no migration has yet
  $ dbalign diff --from "$STAGING_URL" --to "$PROD_URL" --schema public --exit-code
  $ dbalign diff --from before.json --to local --json`,
    )
    .action(async (opts: SchemaOpts & { from: string; to: string; exitCode?: boolean; safe?: boolean }) => {
      const o = out();
      const ctx = await context(opts, [opts.from, opts.to]);
      // Two reads at once, unless both would start embedded servers.
      const embedded = [opts.from, opts.to].filter((x) => SHADOW_SOURCES.includes(sourceKind(x)) || (x === 'local' && !(opts.local ?? process.env.DBALIGN_LOCAL_URL)));
      let from: Snapshot, to: Snapshot;
      try {
        [from, to] =
          embedded.length > 1
            ? [await readSource(opts.from, ctx, o.log), await readSource(opts.to, ctx, o.log)]
            : await Promise.all([readSource(opts.from, ctx, o.log), readSource(opts.to, ctx, o.log)]);
      } finally {
        await closeConnections(ctx);
      }
      // A misspelt --schema would compare nothing and call it equal.
      // (looked up by key: listing a snapshot's 25,000 objects to find its schemas costs more)
      const unknown = (opts.schema ?? []).filter((n) => ![from, to].some((snap) => snap.objects[keyOf.schema(n)]?.kind === 'schema'));
      if (unknown.length) {
        throw new DbalignError(`--schema ${unknown.join(', ')}: no such schema in either database; check the spelling`);
      }
      let diff;
      try {
        diff = await compareWithRenames(from, to, { ...renameOptions(opts), safe: opts.safe, context: { project: ctx.project, profile: ctx.scope.profile, major: ctx.major ?? ctx.project.major, shadowUrl: ctx.shadow } }, o.log);
      } catch (err) {
        if (err instanceof UnsafePlanError) {
          throw new DbalignError(`${err.steps.length} statement(s) would delete data (${err.steps.map((s) => s.key).slice(0, 5).join(', ')}); --safe refuses them: drop --safe to see them, marked with hazard comments`);
        }
        throw err;
      }
      for (const w of diff.warnings) o.log.warn(w);
      if (opts.json) {
        const steps = diff.plan.steps.map((s) => ({ sql: s.sql, kind: s.kind, key: s.key, op: s.op, hazards: s.hazards }));
        o.printJson({
          equal: steps.length === 0,
          sql: diff.sql,
          steps,
          destructive: steps.filter((s) => s.hazards.some((h) => h.type === 'deletes_data')),
          renames: diff.renames,
          warnings: diff.warnings,
        });
      } else if (diff.sql) {
        process.stdout.write(diff.sql.endsWith('\n') ? diff.sql : diff.sql + '\n');
      } else {
        o.log.info('No schema differences.');
      }
      if (opts.exitCode && diff.plan.steps.length) process.exitCode = 2;
    });

  scopeOptions(
    withCommon(program.command('snapshot').description('write a schema snapshot as JSON'), { remote: true, local: true, shadow: true, profile: true }),
  )
    .requiredOption('--db <src>', 'postgresql:// URL, local, remote, migrations or schemas')
    .requiredOption('--out <file>', 'where to write the JSON')
    .addHelpText('after', '\nExample:\n  $ dbalign snapshot --db remote --out prod.json')
    .action(async (opts: SchemaOpts & { db: string; out: string }) => {
      const o = out();
      // The folder is checked before the (long) read, not after it.
      const folder = path.dirname(path.resolve(opts.out));
      if (!(await fs.stat(folder).then((s) => s.isDirectory(), () => false))) {
        throw new DbalignError(`cannot write ${opts.out}: the folder ${folder} does not exist; create it, or choose another --out`);
      }
      const ctx = await context(opts, [opts.db]);
      const snapshot = await readSource(opts.db, ctx, o.log).finally(() => closeConnections(ctx));
      for (const w of snapshot.warnings) o.log.warn(w);
      // A schema can name what production holds: readable by its owner only, whatever the umask.
      await writeDurably(path.resolve(opts.out), JSON.stringify(snapshot) + '\n', { mode: 0o600 }).catch((err: NodeJS.ErrnoException) => {
        throw new DbalignError(`cannot write ${opts.out}: ${err.code ?? err.message}; check the folder's permissions and free space`);
      });
      o.log.info(`Wrote ${Object.keys(snapshot.objects).length} objects to ${opts.out}`);
    });
}
