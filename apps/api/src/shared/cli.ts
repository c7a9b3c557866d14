/*
 * What the operator's command-line tools share (`pnpm backup`, `pnpm restore`, `pnpm audit:verify`): where
 * the repository and the embedded database are, one connection to a database for the run, and how a run
 * ends (its exit code, or the failure on stderr with the code the tool documents).
 */
import path from 'node:path';
import pg from 'pg';
import type { Query } from '../audit/audit-chain.js';
import type { DatabaseHandle } from './database.js';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../../../..');

/** The embedded (PGlite) database's folder, DATA_DIR/pglite as the API uses it. */
export function embeddedDataDir(): string {
  return path.join(path.resolve(REPO_ROOT, process.env['DATA_DIR'] ?? '.data'), 'pglite');
}

/**
 * The database the tools work on: DATABASE_DIRECT_URL (the PostgreSQL server itself) when DATABASE_URL goes
 * through PgBouncer in transaction pooling mode. pg_dump and pg_restore set session settings (an empty
 * `search_path` among them) that would stay on the pooled server connections, and the API would get them
 * next (docs/scaling.md).
 */
export function toolDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env['DATABASE_DIRECT_URL'] ?? env['DATABASE_URL'];
}

/** Where the command was typed: pnpm runs the script in apps/api, but paths are meant from there. */
export function invocationDir(): string {
  return process.env['INIT_CWD'] ?? process.cwd();
}

/** Runs `work` with one client on `db`, then closes the client and the database, also when it throws. */
export async function withDatabaseClient<T>(db: DatabaseHandle, work: (client: pg.Client, query: Query) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const query: Query = async (sql, params) => (await client.query(sql, params)).rows as Array<Record<string, unknown>>;
    return await work(client, query);
  } finally {
    await client.end();
    await db.close();
  }
}

/**
 * Runs a tool's main: a number it answers is the exit code (nothing: the process ends by itself, with 0);
 * a failure prints "<failure>: <message>" and exits with `failureCode`.
 */
export function runCli(main: () => Promise<number | void>, failure: string, failureCode = 1): void {
  main().then(
    (code) => {
      if (typeof code === 'number') process.exit(code);
    },
    (error: unknown) => {
      console.error(`${failure}: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(failureCode);
    },
  );
}
