import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestServer, type TestServer } from '../../test/support/test-server.js';
import { reviewInput, SUBMIT_REVIEWS } from '../../test/support/factories.js';

/*
 * Reviews are partitioned by month, so a client id is kept unique in review_receipt (migration 1765190000000):
 * each new review's row claims it, and a row whose client id another transaction claims meanwhile waits for
 * that one and is then skipped. Here the other transaction offers the same review and holds its claim while a
 * batch finishing it is stored: the batch must finish the offer, once, as the upsert did before. A
 * connection of its own holds the offer open: PostgreSQL only (PGlite has one connection).
 */

interface SubmitResult {
  submitReviews: Array<{ clientId: string; outcome: string; review: { id: string; status: string } | null; error: { code: string } | null }>;
}

let server: TestServer;
let staff: string;

beforeAll(async () => {
  server = await startTestServer();
  staff = await server.tokenFor(DEMO.staff);
});
afterAll(async () => {
  await server?.close();
});

/** Waits until the batch's statement (SAVE_FINISHED; its text is shown cut short) waits for a lock, for at most 10 s. */
async function untilWaitingForLock(): Promise<void> {
  for (let tries = 0; tries < 200; tries++) {
    const [row] = (await server.dataSource.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'WITH input AS (%'`,
    )) as Array<{ n: number }>;
    if ((row?.n ?? 0) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const seen = await server.dataSource.query(
    `SELECT state, wait_event_type, wait_event, left(query, 70) AS q FROM pg_stat_activity WHERE datname = current_database()`,
  );
  throw new Error(`the batch never waited for the offer: ${JSON.stringify(seen)}`);
}

describe('a client id claimed by two requests at once', () => {
  it.each([
    ['committed', 'the batch finishes the offer', 'COMMIT'],
    ['rolled back', 'the batch stores the review as new', 'ROLLBACK'],
  ] as const)('an offer %s while a batch finishing it waits: %s, and the review is stored once', async (_state, _outcome, end) => {
    const [norrUnit] = server.seed.unitIds;
    const recipient = server.seed.recipients.find((r) => r.unitId === norrUnit) as { id: string };
    const finished = reviewInput(recipient.id, server.seed.templateVersionId);
    const offering = new pg.Client({ connectionString: String((server.dataSource.options as { url?: string }).url) });
    await offering.connect();
    try {
      await offering.query('BEGIN');
      await offering.query(
        `INSERT INTO review (id, client_id, recipient_id, unit_id, area_id, template_version_id, status, performed_by, offered_at)
         SELECT $1, $2, c.id, c.unit_id, c.area_id, $3, 'offered', u.id, now()
         FROM care_recipient c, app_user u WHERE c.id = $4 AND u.email = $5`,
        [randomUUID(), finished.clientId, server.seed.templateVersionId, recipient.id, DEMO.staff],
      );
      const submitting = server.gql<SubmitResult>(SUBMIT_REVIEWS, { input: [finished] }, staff);
      await untilWaitingForLock();
      await offering.query(end);

      const res = await submitting;
      expect(res.errors).toBeUndefined();
      expect(res.data?.submitReviews[0]).toMatchObject({ outcome: 'CREATED', review: { status: 'COMPLETED' }, error: null });
      const rows = await server.dataSource.query(
        `SELECT r.status, count(k.id)::int AS risks FROM review r LEFT JOIN identified_risk k ON k.review_id = r.id AND k.review_offered_at = r.offered_at
         WHERE r.client_id = $1 GROUP BY r.id, r.offered_at`,
        [finished.clientId],
      );
      expect(rows).toEqual([{ status: 'completed', risks: 2 }]);
      expect(await server.dataSource.query(`SELECT count(*)::int AS n FROM review_receipt WHERE client_id = $1`, [finished.clientId])).toEqual([{ n: 1 }]);
    } finally {
      await offering.end();
    }
  });
});
