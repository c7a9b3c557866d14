import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newRecipient, submitReview } from '../../test/support/referrals.js';
import { DEMO, startTestServer, type TestServer } from '../../test/support/test-server.js';

/*
 * Issue 11 §6: a configurable retention period and the job that enforces it (docs/data-protection.md). The
 * clock is injected: the job runs "in 2031" against rows dated back by hand.
 */

let server: TestServer;
const ids: Record<'oldInactive' | 'oldActive' | 'recentInactive' | 'oldButReviewedLately' | 'oldButReportedLately', string> = {
  oldInactive: '',
  oldActive: '',
  recentInactive: '',
  oldButReviewedLately: '',
  oldButReportedLately: '',
};
/** A lex Sarah report about `oldButReportedLately`, received in 2028: it keeps the person, and goes with them. */
const LEX_SARAH = { id: randomUUID(), text: `Missförhållande ${randomUUID()}` };
const NOW = new Date('2031-06-15T10:00:00Z');

const state = async (id: string) =>
  (
    (await server.dataSource.query(`SELECT reference, erased_at FROM care_recipient WHERE id = $1`, [id])) as Array<{
      reference: string;
      erased_at: Date | null;
    }>
  )[0];

beforeAll(async () => {
  server = await startTestServer({ env: { RETENTION_INTERVAL_MS: '0' } });
  const manager = await server.tokenFor(DEMO.manager);
  const staff = await server.tokenFor(DEMO.staff);
  for (const key of Object.keys(ids) as Array<keyof typeof ids>) {
    ids[key] = await newRecipient(server, manager, server.seed.unitIds[0] as string, server.seed.areaIds[0] as string);
    await submitReview(server, staff, ids[key]);
  }
  const set = (sql: string, id: string, at: string) => server.dataSource.query(sql, [id, at]);
  // Everything about three of them written in 2025, more than five years before NOW; the fourth was reviewed in 2027.
  for (const key of ['oldInactive', 'oldActive', 'oldButReviewedLately', 'oldButReportedLately'] as const) {
    await set(`UPDATE care_recipient SET created_at = $2 WHERE id = $1`, ids[key], '2025-01-10T09:00:00Z');
    await set(
      `UPDATE review SET received_at = $2, updated_at = $2, offered_at = $2, performed_at = $2 WHERE recipient_id = $1`,
      ids[key],
      '2025-02-01T09:00:00Z',
    );
    await set(
      `UPDATE follow_up_action SET created_at = $2 WHERE review_id IN (SELECT id FROM review WHERE recipient_id = $1)`,
      ids[key],
      '2025-02-01T09:00:00Z',
    );
  }
  await set(`UPDATE review SET received_at = $2, updated_at = $2 WHERE recipient_id = $1`, ids.oldButReviewedLately, '2027-03-01T09:00:00Z');
  await set(`UPDATE care_recipient SET created_at = $2 WHERE id = $1`, ids.recentInactive, '2030-01-10T09:00:00Z');
  const reported = await server.gql(
    `mutation($input: DeviationReportInput!) { reportDeviation(input: $input) { clientId } }`,
    {
      input: {
        clientId: LEX_SARAH.id,
        kind: 'MISSFORHALLANDE',
        lexSarah: true,
        occurredAt: new Date(Date.now() - 60_000).toISOString(),
        description: LEX_SARAH.text,
        recipientId: ids.oldButReportedLately,
      },
    },
    staff,
  );
  expect(reported.errors).toBeUndefined();
  await set(`UPDATE deviation SET received_at = $2, occurred_at = $2 WHERE id = $1`, LEX_SARAH.id, '2028-05-01T09:00:00Z');
  await server.dataSource.query(`UPDATE care_recipient SET active = false WHERE id = ANY($1)`, [
    [ids.oldInactive, ids.recentInactive, ids.oldButReviewedLately, ids.oldButReportedLately],
  ]);
});
afterAll(() => server?.close());

describe('the retention job', () => {
  it('does nothing when retention is 0 months', async () => {
    expect(await server.app.services.erasure.enforceRetention(0, NOW)).toBe(0);
    expect((await state(ids.oldInactive))?.erased_at).toBeNull();
  });

  it('erases only people no longer in care with nothing written about them within the retention period', async () => {
    expect(await server.app.services.erasure.enforceRetention(60, NOW)).toBe(1);
    expect((await state(ids.oldInactive))?.erased_at).toEqual(NOW);
    expect((await state(ids.oldInactive))?.reference).toBe(`raderad-${ids.oldInactive}`);
    for (const kept of [ids.oldActive, ids.recentInactive, ids.oldButReviewedLately, ids.oldButReportedLately])
      expect((await state(kept))?.erased_at).toBeNull();
    // The review stays, for the statistics.
    const reviews = await server.dataSource.query(`SELECT 1 FROM review WHERE recipient_id = $1`, [ids.oldInactive]);
    expect(reviews).toHaveLength(1);
  });

  it('is audited as the system, with the rule, and a second run finds nothing more', async () => {
    const rows: Array<{ actor_id: string | null; details: Record<string, unknown> }> = await server.dataSource.query(
      `SELECT actor_id, details FROM audit_event WHERE action = 'erase' AND care_recipient_id = $1`,
      [ids.oldInactive],
    );
    expect(rows).toEqual([{ actor_id: null, details: expect.objectContaining({ by: 'retention', retentionMonths: 60, reviews: 1 }) }]);
    expect(await server.app.services.erasure.enforceRetention(60, NOW)).toBe(0);
  });

  it('reaches the one reviewed later once its own five years have passed', async () => {
    expect(await server.app.services.erasure.enforceRetention(60, new Date('2032-04-01T00:00:00Z'))).toBe(1);
    expect((await state(ids.oldButReviewedLately))?.erased_at).not.toBeNull();
    expect((await state(ids.oldActive))?.erased_at).toBeNull();
  });

  it('counts a deviation about the person as something written, and culls a lex Sarah report’s text with them', async () => {
    expect((await state(ids.oldButReportedLately))?.erased_at).toBeNull();
    expect(await server.app.services.erasure.enforceRetention(60, new Date('2033-06-01T00:00:00Z'))).toBe(1);
    expect((await state(ids.oldButReportedLately))?.erased_at).not.toBeNull();
    const [report] = (await server.dataSource.query(`SELECT kind, lex_sarah, description FROM deviation WHERE id = $1`, [LEX_SARAH.id])) as Array<{
      kind: string;
      lex_sarah: boolean;
      description: string;
    }>;
    expect(report).toEqual({ kind: 'missforhallande', lex_sarah: true, description: '(raderad)' });
  });
});
