import { spawn } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';

/*
 * A benchmark or script stopped with Ctrl-C never reaches its `close()`: its throwaway database must still
 * be dropped. A child process creates one, says its name, and is interrupted. Throwaway databases exist only
 * on a server, so vitest.config.ts runs `*.pg-test.ts` files only with DATABASE_URL (`pnpm test:db`).
 */
const serverUrl = process.env['DATABASE_URL'] as string;

const CHILD = `
import { createThrowawayDatabase } from './src/shared/database.ts';
const db = await createThrowawayDatabase(process.env.SERVER_URL);
console.log('created ' + new URL(db.url).pathname.slice(1));
setInterval(() => {}, 1000);
`;

async function databaseExists(name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return rows.length === 1;
  } finally {
    await client.end();
  }
}

describe('a throwaway database', () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`is dropped when its process is stopped with ${signal}`, async () => {
      const childEnv: NodeJS.ProcessEnv = { ...process.env, SERVER_URL: serverUrl };
      // Not a test run's database: the run's global setup would otherwise drop it and hide a failure here.
      delete childEnv['HJULET_TEST_RUN'];
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CHILD], {
        cwd: path.resolve(import.meta.dirname, '../..'),
        env: childEnv,
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      const name = await new Promise<string>((resolve, reject) => {
        const timer = setInterval(() => {
          const match = /created (hjulet_t_\w+)/.exec(output);
          if (match?.[1]) {
            clearInterval(timer);
            resolve(match[1]);
          }
        }, 50);
        void exited.then((code) => {
          clearInterval(timer);
          reject(new Error(`exited with ${code}: ${output}`));
        });
      });
      expect(await databaseExists(name)).toBe(true);
      child.kill(signal);
      expect(await exited).toBe(signal === 'SIGINT' ? 130 : 143);
      expect(await databaseExists(name)).toBe(false);
    }, 60_000);
  }
});
