import { mkdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import pg from 'pg';

/**
 * Where the API's PostgreSQL is. With a DATABASE_URL it is that server; without one it is PGlite
 * (PostgreSQL compiled to WebAssembly, in this process) served over the PostgreSQL wire protocol on a
 * loopback port, so TypeORM and `pg` use one code path for both and only the URL differs.
 */
export interface DatabaseHandle {
  kind: 'pglite' | 'postgres';
  url: string;
  /** Connections the pool may open. */
  poolSize: number;
  close(): Promise<void>;
}

export interface EmbeddedOptions {
  /** A folder to keep the data in across restarts; `undefined` keeps it in memory. */
  dataDir?: string;
}

export async function startEmbeddedDatabase(options: EmbeddedOptions = {}): Promise<DatabaseHandle> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const db = await PGlite.create(options.dataDir ? { dataDir: options.dataDir } : {});
  const server = new PGLiteSocketServer({ db, port: 0, host: '127.0.0.1', maxConnections: 16 });
  await server.start();
  return {
    kind: 'pglite',
    url: `postgres://postgres@${server.getServerConn()}/postgres`,
    // One connection: pglite-socket 0.2 queues protocol messages, not whole queries, so two connections'
    // extended-protocol messages can interleave ("bind message supplies 1 parameters, but prepared
    // statement requires 3", electric-sql/pglite#1046). PGlite runs one query at a time anyway.
    poolSize: 1,
    async close() {
      await server.stop();
      await db.close();
    },
  };
}

export function externalDatabase(url: string, poolSize = 10): DatabaseHandle {
  return { kind: 'postgres', url, poolSize, close: async () => {} };
}

/** Every throwaway database's name starts with this. */
export const THROWAWAY_PREFIX = 'hjulet_t_';
/** Set by the API tests' global setup: its value goes into the names, so the run can find what it left behind. */
export const TEST_RUN_VARIABLE = 'HJULET_TEST_RUN';

/**
 * A new, empty database on the server at `url`, dropped again by `close()`: each test file or benchmark
 * gets its own, so runs never see each other's rows.
 */
export async function createThrowawayDatabase(url: string): Promise<DatabaseHandle> {
  const run = /^[a-z0-9]{1,16}$/.exec(process.env[TEST_RUN_VARIABLE] ?? '')?.[0];
  const name = `${THROWAWAY_PREFIX}${run ? `${run}_` : ''}${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const target = new URL(url);
  target.pathname = `/${name}`;
  const drop = async () => {
    const dropper = new pg.Client({ connectionString: url });
    await dropper.connect();
    try {
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await dropper.end();
    }
  };
  liveThrowaways.add(drop);
  dropThrowawaysOnInterrupt();
  return {
    kind: 'postgres',
    url: target.toString(),
    poolSize: 10,
    async close() {
      liveThrowaways.delete(drop);
      await drop();
    },
  };
}

/** Drops of the throwaway databases this process made and has not closed yet. */
const liveThrowaways = new Set<() => Promise<void>>();
let interruptHandled = false;

/**
 * A benchmark stopped with Ctrl-C (or a process sent SIGTERM) never reaches its `close()`: drop its
 * databases on the way out, so an interrupted run leaves nothing on the server. Installed only once a
 * throwaway database exists, so the API itself never gets these handlers.
 */
function dropThrowawaysOnInterrupt(): void {
  if (interruptHandled) return;
  interruptHandled = true;
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.once(signal, () => {
      void Promise.allSettled([...liveThrowaways].map((drop) => drop())).finally(() => process.exit(code));
    });
  }
}
