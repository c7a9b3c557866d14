import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { THROWAWAY_PREFIX, TEST_RUN_VARIABLE } from './src/shared/database.js';

/*
 * With DATABASE_URL set, every test file creates a database of its own on that server and must drop it.
 * The run gets a tag that goes into those databases' names, so at the end this finds exactly the ones this
 * run left behind (not another run's on the same server, still going or long dead), drops them, and
 * fails the run naming them.
 */
export default function setup(): (() => Promise<void>) | undefined {
  const url = process.env['DATABASE_URL'];
  if (!url) return undefined;
  const tag = randomBytes(4).toString('hex');
  process.env[TEST_RUN_VARIABLE] = tag;
  return async () => {
    const pattern = `${THROWAWAY_PREFIX}${tag}_%`;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1 ORDER BY datname', [pattern]);
      if (rows.length === 0) return;
      for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      // vitest reports an error thrown here but still exits 0, so the exit code is set as well.
      process.exitCode = 1;
      throw new Error(`This test run left ${rows.length} database(s) behind on ${new URL(url).host} (now dropped): ${rows.map((r) => r.datname).join(', ')}`);
    } finally {
      await client.end();
    }
  };
}
