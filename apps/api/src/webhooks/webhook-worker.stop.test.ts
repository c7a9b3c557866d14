import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { createThrowawayDatabase, startEmbeddedDatabase, type DatabaseHandle } from '../shared/database.js';
import { openDataSource } from '../shared/data-source.js';
import { createLogger } from '../shared/logger.js';
import { createJobQueue, inTransaction, WEBHOOK_QUEUE } from './job-queue.js';
import { WebhookRepository } from './webhook.repository.js';
import { startWebhookWorker } from './webhook-worker.js';

/*
 * Stopping the delivery worker while its poll is under way. pg-boss 10's own stop() returns while a poll is
 * waiting for the database; the poll then answers its jobs to a stopped worker, and pg-boss completes or
 * fails them without awaiting it. Once that ran on a pool already closed (an unhandled rejection at the end
 * of a test file). The worker's stop() now waits for both, and a job fetched after stop is failed untried,
 * so the next instance tries it.
 */

// The shortest poll pg-boss allows.
const POLL_MS = 500;
let db: DatabaseHandle;
let dataSource: DataSource;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  const serverUrl = process.env['DATABASE_URL'];
  db = serverUrl ? await createThrowawayDatabase(serverUrl) : await startEmbeddedDatabase();
  dataSource = await openDataSource(db);
});

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  if (dataSource.isInitialized) await dataSource.destroy();
  await db.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('waits for a poll under way, fails the job it answers untried, and leaves nothing running on the pool', async () => {
  const queue = createJobQueue(dataSource);
  const worker = await startWebhookWorker(queue, new WebhookRepository(dataSource), POLL_MS, createLogger('silent'));
  await sleep(2 * POLL_MS);

  // A job is queued in a transaction that also holds the job table: the worker's next poll waits for it
  // (on PGlite's single connection it waits for the connection itself).
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  await runner.query('LOCK TABLE pgboss.job IN ACCESS EXCLUSIVE MODE');
  const deliveryId = randomUUID();
  const jobId = await queue.send(WEBHOOK_QUEUE, { deliveryId }, { retryLimit: 3, db: inTransaction(runner.manager) });
  expect(jobId).toEqual(expect.any(String));
  await sleep(3 * POLL_MS);

  let stopped = false;
  const stopping = worker.stop().then(() => (stopped = true));
  await sleep(3 * POLL_MS);
  // The poll is still waiting, so stop() is too.
  expect(stopped).toBe(false);
  await runner.commitTransaction();
  await runner.release();
  await stopping;

  const [job] = (await dataSource.query(`SELECT state, output FROM pgboss.job WHERE id = $1`, [jobId])) as Array<{
    state: string;
    output: { message?: string } | null;
  }>;
  expect(job?.state).toBe('retry');
  expect(job?.output?.message).toBe('the API is stopping');

  // Nothing of the worker is left to run on the pool once it is closed.
  await dataSource.destroy();
  await sleep(3 * POLL_MS);
  expect(unhandled).toEqual([]);
});
