import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestServer, type TestServer } from '../../test/support/test-server.js';

/*
 * Retention of complaints and feedback (docs/feedback.md § Retention): a sender's contact details go a year
 * after the case was answered (they exist only to answer), the case's text after the retention period; the
 * kind, unit, channel and dates stay for the statistics. The clock is injected; rows are dated back by hand.
 */

let server: TestServer;
const NOW = new Date('2031-06-15T10:00:00Z');
const cases: Record<'answeredLongAgo' | 'answeredLastMonth' | 'answeredSixYearsAgo' | 'stillOpen', { id: string; secret: string }> = {
  answeredLongAgo: { id: '', secret: '' },
  answeredLastMonth: { id: '', secret: '' },
  answeredSixYearsAgo: { id: '', secret: '' },
  stillOpen: { id: '', secret: '' },
};

const row = async (id: string) =>
  (
    (await server.dataSource.query(
      `SELECT kind, channel, unit_id, status, message, findings, answer, contact_name, contact_email, contact_phone FROM feedback_case WHERE id = $1`,
      [id],
    )) as Array<Record<string, string | null>>
  )[0];

beforeAll(async () => {
  server = await startTestServer({ env: { RETENTION_INTERVAL_MS: '0' } });
  const admin = await server.tokenFor(DEMO.admin);
  const answeredAt: Record<keyof typeof cases, string | null> = {
    answeredLongAgo: '2030-03-01T09:00:00Z',
    answeredLastMonth: '2031-05-10T09:00:00Z',
    answeredSixYearsAgo: '2025-04-01T09:00:00Z',
    stillOpen: null,
  };
  for (const key of Object.keys(cases) as Array<keyof typeof cases>) {
    const secret = `Karin ${randomUUID()}`;
    const registered = await server.gql<{ registerFeedback: { caseNumber: string } }>(
      `mutation($input: RegisterFeedbackInput!) { registerFeedback(input: $input) { caseNumber } }`,
      {
        input: {
          kind: 'COMPLAINT',
          channel: 'PHONE',
          unitId: server.seed.unitIds[0],
          message: `Ingen kom, säger ${secret}`,
          contactName: secret,
          contactEmail: 'karin@example.se',
          contactPhone: '070-123 45 67',
        },
      },
      admin,
    );
    expect(registered.errors).toBeUndefined();
    const [found] = (await server.dataSource.query(`SELECT id FROM feedback_case WHERE case_number = $1`, [
      registered.data?.registerFeedback.caseNumber,
    ])) as Array<{
      id: string;
    }>;
    cases[key] = { id: found?.id as string, secret };
    const at = answeredAt[key];
    if (at === null) continue;
    const answered = await server.gql(
      `mutation($id: UUID!, $a: String!, $f: String!) { answerFeedback(id: $id, answer: $a, findings: $f) { id } }`,
      { id: cases[key].id, a: `Svar till ${secret}`, f: `Vi ringde ${secret}` },
      admin,
    );
    expect(answered.errors).toBeUndefined();
    await server.dataSource.query(`UPDATE feedback_case SET answered_at = $2, received_at = $2 WHERE id = $1`, [cases[key].id, at]);
  }
});
afterAll(() => server?.close());

describe('the retention job, on feedback', () => {
  it('does nothing when both periods are 0 months', async () => {
    expect(await server.app.services.erasure.cullFeedback({ contactMonths: 0, textMonths: 0 }, NOW)).toBe(0);
    expect((await row(cases.answeredLongAgo.id))?.contact_name).toBe(cases.answeredLongAgo.secret);
  });

  it('removes contact details a year after the answer, and the text after the retention period, keeping what is counted', async () => {
    // Other answered cases (the demo's) are culled by the same rule: counted here, so the figure stays exact.
    const mine = Object.values(cases).map((c) => c.id);
    const [others] = (await server.dataSource.query(
      `SELECT count(*) FILTER (WHERE num_nonnulls(contact_name, contact_email, contact_phone) > 0 AND answered_at < $2)
            + count(*) FILTER (WHERE message <> '(raderad)' AND answered_at < $3) AS n
       FROM feedback_case WHERE status = 'answered' AND NOT id = ANY($1)`,
      [mine, '2030-06-15T10:00:00Z', '2026-06-15T10:00:00Z'],
    )) as Array<{ n: string }>;
    expect(await server.app.services.erasure.cullFeedback({ contactMonths: 12, textMonths: 60 }, NOW)).toBe(3 + Number(others?.n));
    const kept = { kind: 'complaint', channel: 'phone', unit_id: server.seed.unitIds[0], status: 'answered' };
    expect(await row(cases.answeredLongAgo.id)).toEqual({
      ...kept,
      message: expect.stringContaining(cases.answeredLongAgo.secret),
      findings: expect.stringContaining(cases.answeredLongAgo.secret),
      answer: expect.stringContaining(cases.answeredLongAgo.secret),
      contact_name: null,
      contact_email: null,
      contact_phone: null,
    });
    expect(await row(cases.answeredSixYearsAgo.id)).toEqual({
      ...kept,
      message: '(raderad)',
      findings: '(raderad)',
      answer: '(raderad)',
      contact_name: null,
      contact_email: null,
      contact_phone: null,
    });
    // Answered last month, or not answered at all: the sender may still need an answer or ask again.
    expect((await row(cases.answeredLastMonth.id))?.contact_name).toBe(cases.answeredLastMonth.secret);
    expect((await row(cases.stillOpen.id))?.contact_name).toBe(cases.stillOpen.secret);
    expect((await row(cases.stillOpen.id))?.status).toBe('received');
  });

  it('audits each change as the system’s, naming the case but none of its data, and a second run finds nothing more', async () => {
    const rows: Array<{ entity_id: string; actor_id: string | null; details: Record<string, unknown> }> = await server.dataSource.query(
      `SELECT entity_id, actor_id, details FROM audit_event
       WHERE entity_type = 'feedback_case' AND details->>'by' = 'retention' AND entity_id = ANY($1) ORDER BY id`,
      [Object.values(cases).map((c) => c.id)],
    );
    expect(rows.map((r) => [r.entity_id, r.details['removed']]).sort()).toEqual(
      [
        [cases.answeredLongAgo.id, 'contact'],
        [cases.answeredSixYearsAgo.id, 'contact'],
        [cases.answeredSixYearsAgo.id, 'text'],
      ].sort(),
    );
    expect(rows.every((r) => r.actor_id === null)).toBe(true);
    expect(JSON.stringify(rows)).not.toContain('Karin');
    expect(await server.app.services.erasure.cullFeedback({ contactMonths: 12, textMonths: 60 }, NOW)).toBe(0);
  });
});
