import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/support/test-server.js';
import { ROLLUP_SNAPSHOT_SQL } from './rollup-snapshot.js';

/*
 * The rollup recomputes every fact of the care recipients a transaction touched, when it commits (migration
 * 1765050000000). Two transactions recomputing the same recipient at once must not collide: without the
 * per-recipient lock, the second one's recomputation inserted again the facts the first had just committed
 * (duplicate key), and the load run saw reviews refused as "a value that cannot be stored". Here each
 * transaction runs its recomputation early (SET CONSTRAINTS ... IMMEDIATE fires the deferred trigger), so
 * that the two overlap for certain rather than only when two commits meet. Two connections of their own, so
 * the transactions really overlap: PostgreSQL only (PGlite has one connection).
 */

let server: TestServer;
let url: string;

beforeAll(async () => {
  server = await startTestServer();
  url = String((server.dataSource.options as { url?: string }).url);
});
afterAll(async () => {
  await server?.close();
});

/** A copy of one of the recipient's reviews, offered and performed now. */
const insertReviewOf = async (client: pg.Client, recipientId: string) => {
  await client.query(
    `INSERT INTO review (id, client_id, recipient_id, unit_id, area_id, template_version_id, status, decline_reason, performed_by, offered_at, performed_at)
     SELECT $1, $2, recipient_id, unit_id, area_id, template_version_id, 'completed', NULL, performed_by, now(), now()
     FROM review WHERE recipient_id = $3 AND status = 'completed' LIMIT 1`,
    [randomUUID(), randomUUID(), recipientId],
  );
  await client.query('SET CONSTRAINTS indicator_fact_pending_flush IMMEDIATE');
};

/** The one value of a one-row, one-column query; a missing row fails the test. */
async function valueOf<T>(sql: string, parameters: unknown[] = []): Promise<T> {
  const [row] = (await server.dataSource.query(sql, parameters)) as Array<{ value: T }>;
  if (!row) throw new Error(`no row from: ${sql}`);
  return row.value;
}

describe('the rollup under concurrent writes', () => {
  it('lets two transactions write reviews of the same recipient at once, and the facts stay those of a fresh recomputation', async () => {
    const recipientId = await valueOf<string>(
      `SELECT recipient_id AS value FROM review WHERE status = 'completed' GROUP BY recipient_id ORDER BY count(*) DESC LIMIT 1`,
    );
    const a = new pg.Client({ connectionString: url });
    const b = new pg.Client({ connectionString: url });
    await Promise.all([a.connect(), b.connect()]);
    try {
      await a.query('BEGIN');
      await b.query('BEGIN');
      await insertReviewOf(a, recipientId);
      // B's statement (and its trigger) starts while A holds its uncommitted facts of the same recipient.
      const second = insertReviewOf(b, recipientId).then(() => b.query('COMMIT'));
      await new Promise((resolve) => setTimeout(resolve, 300));
      await a.query('COMMIT');
      await second;
    } finally {
      await Promise.all([a.end(), b.end()]);
    }

    const facts = async () => server.dataSource.query(ROLLUP_SNAPSHOT_SQL);
    const kept = await facts();
    const factRows = await valueOf<number>(`SELECT count(*)::int AS value FROM indicator_review_fact WHERE recipient_id = $1`, [recipientId]);
    const reviews = await valueOf<number>(`SELECT count(*)::int AS value FROM review WHERE recipient_id = $1`, [recipientId]);
    expect(factRows).toBe(reviews);
    await server.dataSource.query(`SELECT indicator_fact_refresh(NULL)`);
    expect(await facts()).toEqual(kept);
  });

  it('lets many transactions add to the same counts at once, each recipient of its own, and the counts stay those of a fresh recomputation', async () => {
    // Recipients of one unit: their reviews of this month share the unit's cells (per grain, area and category).
    const recipients = (await server.dataSource.query(
      `SELECT recipient_id FROM review WHERE status = 'completed'
       GROUP BY recipient_id, unit_id ORDER BY unit_id, recipient_id LIMIT 6`,
    )) as Array<{ recipient_id: string }>;
    expect(recipients.length).toBe(6);
    const clients = recipients.map(() => new pg.Client({ connectionString: url }));
    await Promise.all(clients.map((c) => c.connect()));
    try {
      await Promise.all(clients.map((c) => c.query('BEGIN')));
      // All recompute at once; each waits for the shared counts' rows that an earlier one holds until it commits.
      await Promise.all(clients.map((c, i) => insertReviewOf(c, recipients[i]!.recipient_id).then(() => c.query('COMMIT'))));
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
    const ids = recipients.map((r) => r.recipient_id);
    expect(await valueOf<number>(`SELECT count(*)::int AS value FROM indicator_review_fact WHERE recipient_id = ANY ($1)`, [ids])).toBe(
      await valueOf<number>(`SELECT count(*)::int AS value FROM review WHERE recipient_id = ANY ($1)`, [ids]),
    );
    const kept = await server.dataSource.query(ROLLUP_SNAPSHOT_SQL);
    await server.dataSource.query(`SELECT indicator_fact_refresh(NULL)`);
    expect(await server.dataSource.query(ROLLUP_SNAPSHOT_SQL)).toEqual(kept);
  });
});
