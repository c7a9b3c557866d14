/**
 * `pnpm audit:verify`: walks the audit log's hash chain and prints where it is broken (edited, deleted or
 * reordered rows). Exit code 0 when the chain is whole, 1 when it is not, 2 when it could not run.
 * Reads DATABASE_DIRECT_URL or DATABASE_URL, or without either the embedded database in DATA_DIR (stop the
 * API first: PGlite is one process's). `--chain` first chains rows the API has not chained yet (the only write it makes).
 */
import { chainAll, verifyChain } from './audit-chain.js';
import { embeddedDataDir, runCli, toolDatabaseUrl, withDatabaseClient } from '../shared/cli.js';
import { externalDatabase, startEmbeddedDatabase, type DatabaseHandle } from '../shared/database.js';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const url = toolDatabaseUrl();
  const db: DatabaseHandle = url ? externalDatabase(url) : await startEmbeddedDatabase({ dataDir: embeddedDataDir() });
  return withDatabaseClient(db, async (client, query) => {
    if (args.includes('--chain')) {
      const chained = await chainAll(async (work) => {
        await client.query('BEGIN');
        try {
          const result = await work(query);
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
      });
      process.stdout.write(`chained ${chained} new rows\n`);
    }
    const report = await verifyChain(query);
    process.stdout.write(`audit chain: ${report.checked} rows checked, ${report.unchained} not chained yet\n`);
    if (report.head) process.stdout.write(`head: chain place ${report.head.chainSeq}, hash ${report.head.hash}\n`);
    for (const problem of report.problems) process.stdout.write(`BROKEN ${problem.kind} at chain place ${problem.chainSeq}: ${problem.message}\n`);
    process.stdout.write(report.ok ? 'OK: the chain is whole\n' : `FAILED: ${report.problems.length} problem(s)\n`);
    return report.ok ? 0 : 1;
  });
}

runCli(main, 'audit:verify could not run', 2);
