/**
 * `pnpm restore <file> [target]`: restores a `pnpm backup` file into a new place and checks the audit
 * chain there. A `.dump` goes into the empty PostgreSQL database `target` (a postgres:// URL; default
 * DATABASE_URL), a `.tar.gz` into the new or empty folder `target` (default DATA_DIR/pglite). A restore
 * never overwrites data. Exit code 0 when restored and the chain is whole, 1 otherwise.
 */
import path from 'node:path';
import pg from 'pg';
import { verifyChain, type Query } from '../audit/audit-chain.js';
import { startEmbeddedDatabase, type DatabaseHandle } from '../shared/database.js';
import { restoreEmbedded, restorePostgres } from './backup.js';

const REPO_ROOT = path.resolve(import.meta.dirname, '../../../..');

async function main(): Promise<number> {
  const [file, target] = process.argv.slice(2);
  if (!file) throw new Error('usage: pnpm restore <file> [postgres://… | folder]');
  // pnpm runs the script in apps/api; paths are meant from where the command was typed.
  const cwd = process.env['INIT_CWD'] ?? process.cwd();
  const source = path.resolve(cwd, file);
  let db: DatabaseHandle;
  if (source.endsWith('.dump')) {
    const url = target ?? process.env['DATABASE_URL'];
    if (!url) throw new Error('give the empty database to restore into, or set DATABASE_URL');
    await restorePostgres(source, url);
    db = { kind: 'postgres', url, poolSize: 1, close: async () => {} };
  } else {
    const dataDir = path.resolve(cwd, target ?? path.join(path.resolve(REPO_ROOT, process.env['DATA_DIR'] ?? '.data'), 'pglite'));
    await restoreEmbedded(source, dataDir);
    db = await startEmbeddedDatabase({ dataDir });
  }
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const query: Query = async (sql, params) => (await client.query(sql, params)).rows as Array<Record<string, unknown>>;
    const report = await verifyChain(query);
    process.stdout.write(`restored ${source}\naudit chain: ${report.checked} rows checked, ${report.problems.length} problem(s)\n`);
    return report.ok ? 0 : 1;
  } finally {
    await client.end();
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`restore failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
