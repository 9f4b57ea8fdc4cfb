/** Files that must be whole on disk before anything refers to them. */
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes `content` to `file` so it appears whole or not at all (a temporary
 * file, fsync, rename, fsync of the folder). `exclusive` refuses to replace
 * an existing file.
 */
export async function writeDurably(file: string, content: string, options: { mode?: number; exclusive?: boolean } = {}): Promise<void> {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.tmp`);
  const handle = await fs.open(tmp, 'wx', options.mode ?? 0o644);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  if (options.exclusive && (await fs.stat(file).then(() => true, () => false))) {
    await fs.rm(tmp, { force: true });
    throw Object.assign(new Error(`${file} exists`), { code: 'EEXIST' });
  }
  await fs.rename(tmp, file);
  const dirHandle = await fs.open(dir, 'r');
  await dirHandle.sync().finally(() => dirHandle.close());
}
