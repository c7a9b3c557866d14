import PgBoss from 'pg-boss';
import type { DataSource, EntityManager } from 'typeorm';
import type { Pool } from 'pg';

/**
 * The job queue is pg-boss, in the API's own database (schema `pgboss`), reached through the API's own
 * connection pool by pg-boss's `db` adapter. That is what lets it run on embedded PGlite too: PGlite is
 * served over ONE connection (shared/database.ts), and pg-boss polls (no LISTEN connection held open, as
 * graphile-worker's would be), so its statements simply take turns with the API's on that connection.
 * A job sent with a transaction's adapter (`inTransaction`) commits or rolls back with that transaction:
 * the transactional outbox, with no relay of our own.
 */
export const WEBHOOK_QUEUE = 'webhook-delivery';
/** Where pg-boss moves a delivery's job after its last failed try. */
export const WEBHOOK_DEAD_LETTER_QUEUE = 'webhook-dead-letter';

type Db = PgBoss.Db;

/**
 * The API pool as pg-boss's adapter: each statement takes a connection from the pool and gives it back.
 * It counts the statements in flight, because pg-boss 10 does not wait for all of its own: it completes or
 * fails a job without awaiting it, and a poll under way when `stop()` is called still returns its jobs.
 */
class PoolStatements implements Db {
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(private readonly pool: Pool) {}

  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> {
    const statement = this.pool.query(text, values).then((result) => ({ rows: result.rows as unknown[] }));
    this.inFlight.add(statement);
    const forget = () => this.inFlight.delete(statement);
    statement.then(forget, forget);
    return statement;
  }

  /**
   * Resolves once no statement is in flight, and none was started by what those statements' answers set
   * off; at once when the pool is closing already, since a statement waiting for one of its connections
   * then never gets one nor fails.
   */
  async settled(): Promise<void> {
    for (;;) {
      // A macrotask first: every continuation of what has answered has run, and any statement it started is counted.
      await new Promise((resolve) => setImmediate(resolve));
      if (this.inFlight.size === 0 || this.pool.ending) return;
      await Promise.allSettled(this.inFlight);
    }
  }
}

function poolOf(dataSource: DataSource): Pool {
  return (dataSource.driver as unknown as { master: Pool }).master;
}

/** The adapter for a transaction: the job row is written on the transaction's connection. */
export function inTransaction(manager: EntityManager): Db {
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive) throw new Error('inTransaction needs the EntityManager of a running transaction');
  return { executeSql: async (text, values) => ({ rows: (await runner.query(text, values, true)).records as unknown[] }) };
}

export interface JobQueueOptions {
  /** Run pg-boss's maintenance (expiry of stuck jobs, archiving) in this instance. */
  supervise: boolean;
}

/** A pg-boss over the API's pool that can tell when its statements on that pool are done. */
export class JobQueue extends PgBoss {
  constructor(
    private readonly statements: PoolStatements,
    options: JobQueueOptions,
  ) {
    super({
      db: statements,
      supervise: options.supervise,
      schedule: false,
      migrate: false,
      // Keep delivered jobs a week in pg-boss's archive; the delivery row is the lasting record.
      archiveCompletedAfterSeconds: 3600,
      deleteAfterDays: 7,
    });
  }

  /** Resolves once pg-boss has no statement in flight on the pool: after `stop()`, the pool can then be closed. */
  settled(): Promise<void> {
    return this.statements.settled();
  }
}

/** A pg-boss over the API's pool, not started: `send`/`insert` with `inTransaction` need no start. */
export function createJobQueue(dataSource: DataSource, options: JobQueueOptions = { supervise: false }): JobQueue {
  return new JobQueue(new PoolStatements(poolOf(dataSource)), options);
}

/**
 * Installs or upgrades pg-boss's schema and the webhook queues, after the API's own migrations: the seed
 * and every instance can then enqueue in a transaction before any worker starts. Idempotent; pg-boss
 * takes an advisory lock so that two instances starting together do not race.
 */
export async function installJobQueue(dataSource: DataSource): Promise<void> {
  const boss = new PgBoss({ db: new PoolStatements(poolOf(dataSource)), supervise: false, schedule: false, migrate: true });
  await boss.start();
  for (const name of [WEBHOOK_DEAD_LETTER_QUEUE, WEBHOOK_QUEUE]) {
    if (await boss.getQueue(name)) continue;
    await boss.createQueue(name, name === WEBHOOK_QUEUE ? { name, deadLetter: WEBHOOK_DEAD_LETTER_QUEUE } : { name });
  }
  await boss.stop({ graceful: false, close: false, wait: true });
}
