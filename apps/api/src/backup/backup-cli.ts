/**
 * `pnpm backup [file]`: a backup of the database the API uses. With DATABASE_URL (or DATABASE_DIRECT_URL,
 * which wins), `pg_dump -Fc` of it (a `.dump` file); without, the embedded database in DATA_DIR as a
 * gzipped tar (stop the API first). The default file is `backups/hjulet-<time>.dump|.tar.gz` in the
 * repository. Exit code 0 on success.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { embeddedDataDir, invocationDir, REPO_ROOT, runCli, toolDatabaseUrl } from '../shared/cli.js';
import { backupEmbedded, backupPostgres } from './backup.js';

async function main(): Promise<void> {
  const url = toolDatabaseUrl();
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = path.resolve(invocationDir(), process.argv[2] ?? path.join(REPO_ROOT, 'backups', `hjulet-${stamp}.${url ? 'dump' : 'tar.gz'}`));
  mkdirSync(path.dirname(file), { recursive: true });
  if (url) await backupPostgres(url, file);
  else await backupEmbedded(embeddedDataDir(), file);
  process.stdout.write(`backup written: ${file}\n`);
}

runCli(main, 'backup failed');
