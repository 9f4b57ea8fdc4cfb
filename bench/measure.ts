/**
 * One measured diff in its own process, so its peak memory is its own:
 * prints {"ms", "maxRssMB", "steps"} for diff FROM → TO.
 */
import pg from 'pg';
import { readSnapshot } from '../src/catalog/index.js';
import { compareSnapshots, scopeFor } from '../src/procedure/schema.js';

const [fromUrl, toUrl] = process.argv.slice(2) as [string, string];
const scope = scopeFor('plain');
const started = performance.now();
const read = async (url: string) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await readSnapshot(client, scope);
  } finally {
    await client.end();
  }
};
const [from, to] = await Promise.all([read(fromUrl), read(toUrl)]);
const diff = compareSnapshots(from, to);
const ms = performance.now() - started;
console.log(JSON.stringify({ ms: Math.round(ms), maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024), steps: diff.plan.steps.length, objects: Object.keys(to.objects).length }));
