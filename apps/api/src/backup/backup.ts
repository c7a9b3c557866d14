import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';

/*
 * Backup and restore (docs/data-protection.md, "Backup"). PostgreSQL: `pg_dump` in its custom format and
 * `pg_restore` into a new, empty database. The embedded PGlite: its whole data folder as a gzipped tar
 * (`dumpDataDir`), loaded into a new folder. Either way the restored copy holds the audit log with its hash
 * chain, so `pnpm audit:verify` on the copy shows it came back whole.
 */

/** Runs a PostgreSQL client program; rejects with its stderr when it fails. */
function run(program: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${program} exited with ${code}: ${stderr.trim()}`))));
  });
}

/** `pg_dump -Fc` of the database at `url` into `file`. */
export function backupPostgres(url: string, file: string): Promise<void> {
  return run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`, `--dbname=${url}`]);
}

/** `pg_restore` of `file` into the empty database at `url`, in one transaction: all or nothing. */
export function restorePostgres(file: string, url: string): Promise<void> {
  return run('pg_restore', ['--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', `--dbname=${url}`, file]);
}

/** The embedded database's folder as a gzipped tar in `file`. Stop the API first: a PGlite folder is one process's. */
export async function backupEmbedded(dataDir: string, file: string): Promise<void> {
  if (!existsSync(dataDir)) throw new Error(`no embedded database in ${dataDir}`);
  const db = await PGlite.create({ dataDir });
  try {
    const dump = await db.dumpDataDir('gzip');
    await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await db.close();
  }
}

/** Loads a backup made by `backupEmbedded` into `dataDir`, which must be new or empty: a restore never overwrites. */
export async function restoreEmbedded(file: string, dataDir: string): Promise<void> {
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) throw new Error(`${dataDir} is not empty: restore into a new folder`);
  mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create({ dataDir, loadDataDir: new Blob([await readFile(file)]) });
  await db.close();
}
