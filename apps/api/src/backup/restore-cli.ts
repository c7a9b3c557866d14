/**
 * `pnpm restore <file> [target]`: restores a `pnpm backup` file into a new place and checks the audit
 * chain there. A `.dump` goes into the empty PostgreSQL database `target` (a postgres:// URL of the server
 * itself, not through a transaction pooler; default DATABASE_DIRECT_URL or DATABASE_URL), a `.tar.gz` into
 * the new or empty folder `target` (default DATA_DIR/pglite). A restore never overwrites data. Exit code 0
 * when restored and the chain is whole, 1 otherwise.
 */
import path from 'node:path';
import { verifyChain } from '../audit/audit-chain.js';
import { embeddedDataDir, invocationDir, runCli, toolDatabaseUrl, withDatabaseClient } from '../shared/cli.js';
import { startEmbeddedDatabase, type DatabaseHandle } from '../shared/database.js';
import { restoreEmbedded, restorePostgres } from './backup.js';

async function main(): Promise<number> {
  const [file, target] = process.argv.slice(2);
  if (!file) throw new Error('usage: pnpm restore <file> [postgres://… | folder]');
  const cwd = invocationDir();
  const source = path.resolve(cwd, file);
  let db: DatabaseHandle;
  if (source.endsWith('.dump')) {
    const url = target ?? toolDatabaseUrl();
    if (!url) throw new Error('give the empty database to restore into, or set DATABASE_DIRECT_URL or DATABASE_URL');
    await restorePostgres(source, url);
    db = { kind: 'postgres', url, poolSize: 1, close: async () => {} };
  } else {
    const dataDir = path.resolve(cwd, target ?? embeddedDataDir());
    await restoreEmbedded(source, dataDir);
    db = await startEmbeddedDatabase({ dataDir });
  }
  return withDatabaseClient(db, async (_client, query) => {
    const report = await verifyChain(query);
    process.stdout.write(`restored ${source}\naudit chain: ${report.checked} rows checked, ${report.problems.length} problem(s)\n`);
    return report.ok ? 0 : 1;
  });
}

runCli(main, 'restore failed');
