import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestServer, type TestServer } from '../../test/support/test-server.js';
import { dayBefore } from './access-review.rules.js';

/*
 * Issue 11 §5: the daily log review, on a hand-made audit log for one day (10 March 2026, Swedish winter
 * time, UTC+1). The bulk limit is 5 recipients an hour here, so a handful of rows shows it.
 */

const DAY = '2026-03-10';
const FLAGS = `query($from: LocalDate, $to: LocalDate, $u: Boolean) { accessReviewFlags(from: $from, to: $to, unreviewedOnly: $u) {
  id day actorName actorRole kind reads recipients firstAt lastAt reviewedBy reviewedAt reviewNote } }`;
const MARK = `mutation($id: UUID!, $note: String) { markAccessReviewFlagReviewed(id: $id, note: $note) { id reviewedBy reviewedAt reviewNote } }`;
interface Flag {
  id: string;
  day: string;
  actorName: string;
  actorRole: string;
  kind: string;
  reads: number;
  recipients: number;
  firstAt: string;
  reviewedAt: string | null;
  reviewNote: string | null;
}

let server: TestServer;
let admin: string;
const user: Record<string, string> = {};

/** One read of a care recipient, as the API would have audited it. */
function read(actor: string, role: string, recipientId: string, at: string) {
  return server.dataSource.query(
    `INSERT INTO audit_event (occurred_at, actor_id, actor_role, action, entity_type, entity_id, care_recipient_id)
     VALUES ($1, $2, $3, 'read', 'care_recipient', $4::text, $4::uuid)`,
    [at, actor, role, recipientId],
  );
}

const flags = async (token: string, vars: Record<string, unknown> = { from: DAY, to: DAY }) =>
  (await server.gql<{ accessReviewFlags: Flag[] }>(FLAGS, vars, token)).data?.accessReviewFlags ?? [];
const summary = (list: Flag[]) => list.map((f) => `${f.actorName} ${f.kind} ${f.reads}/${f.recipients}`).sort();

beforeAll(async () => {
  server = await startTestServer({ env: { ACCESS_REVIEW_BULK_PER_HOUR: '5', ACCESS_REVIEW_INTERVAL_MS: '0' } });
  admin = await server.tokenFor(DEMO.admin);
  const users: Array<{ id: string; email: string }> = await server.dataSource.query(`SELECT id, email FROM app_user`);
  for (const u of users) user[u.email] = u.id;
  const [norrId, soderId, , kolmardenId] = server.seed.unitIds as [string, string, string, string];
  const of = (unit: string) => server.seed.recipients.filter((r) => r.unitId === unit).map((r) => r.id);
  const [norr, soder, kolmarden] = [of(norrId), of(soderId), of(kolmardenId)];
  const staff = user[DEMO.staff] as string;
  // Ordinary work: own unit, in the day, a few people. Nothing to flag.
  for (const [i, r] of norr.slice(0, 4).entries()) await read(staff, 'staff', r, `${DAY}T0${8 + i}:15:00Z`);
  // Outside the unit: one Söder recipient at 11:05 local.
  await read(staff, 'staff', soder[0] as string, `${DAY}T10:05:00Z`);
  // At night: 23:30 local on the 10th; and 00:30 local on the 11th, which is the next day's business.
  await read(staff, 'staff', norr[0] as string, `${DAY}T22:30:00Z`);
  await read(staff, 'staff', norr[1] as string, `${DAY}T23:30:00Z`);
  // In bulk: a colleague reads 6 different people between 14:00 and 15:00 local; 5 in the next hour is within the limit.
  const staff2 = user[DEMO.staff2] as string;
  for (const [i, r] of norr.slice(0, 6).entries()) await read(staff2, 'staff', r, `${DAY}T13:${10 + i}:00Z`);
  for (const [i, r] of norr.slice(6, 11).entries()) await read(staff2, 'staff', r, `${DAY}T14:${10 + i}:00Z`);
  // The coordinator reads their own administration's units: fine. Kolmården is the other administration.
  const coordinator = user[DEMO.coordinator] as string;
  await read(coordinator, 'quality_coordinator', norr[2] as string, `${DAY}T12:00:00Z`);
  await read(coordinator, 'quality_coordinator', kolmarden[0] as string, `${DAY}T12:01:00Z`);
  // Staff of the other administration read a Norr recipient: their flag is for the admin, not this coordinator.
  await read(user[DEMO.staffKolmarden] as string, 'staff', norr[3] as string, `${DAY}T09:00:00Z`);
  // Another day, out of the run.
  await read(staff, 'staff', soder[1] as string, '2026-03-09T10:00:00Z');
});
afterAll(() => server?.close());

describe('the daily log review', () => {
  it('reviews the Swedish day before the run', () => {
    expect(dayBefore(new Date('2026-03-11T05:00:00Z'))).toBe(DAY);
    // 00:30 on the 11th in Stockholm is still the 10th in UTC.
    expect(dayBefore(new Date('2026-03-10T23:30:00Z'))).toBe(DAY);
  });

  it('flags reads outside the unit, at night and in bulk, and nothing else', async () => {
    expect(await server.app.services.accessReview.reviewPreviousDay(new Date('2026-03-11T06:00:00Z'))).toBe(5);
    expect(summary(await flags(admin))).toEqual([
      'Ali Personal BULK 6/6',
      'Lena Kolmården OUTSIDE_UNIT 1/1',
      'Maria Kvalitetsutvecklare OUTSIDE_UNIT 1/1',
      'Sara Personal ODD_HOURS 1/1',
      'Sara Personal OUTSIDE_UNIT 1/1',
    ]);
  });

  it('finds nothing new when the same day runs again, and keeps what was reviewed', async () => {
    const [first] = await flags(admin);
    const marked = await server.gql<{ markAccessReviewFlagReviewed: Flag }>(MARK, { id: first?.id, note: 'Vikarierade i Söder, OK' }, admin);
    expect(marked.data?.markAccessReviewFlagReviewed).toMatchObject({ reviewNote: 'Vikarierade i Söder, OK', reviewedBy: user[DEMO.admin] });
    expect(await server.app.services.accessReview.reviewDay(DAY)).toBe(0);
    const after = await flags(admin, { from: DAY, to: DAY, u: true });
    expect(after.map((f) => f.id)).not.toContain(first?.id);
    expect(after).toHaveLength(4);
  });

  it('refuses to mark a flag twice, or an unknown one, with a typed error', async () => {
    const reviewed = (await flags(admin)).find((f) => f.reviewedAt);
    const twice = await server.gql(MARK, { id: reviewed?.id, note: null }, admin);
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'id' });
    const unknown = await server.gql(MARK, { id: '00000000-0000-4000-8000-000000000000', note: null }, admin);
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
  });

  it('shows a coordinator the flags of their administration’s users, and staff none', async () => {
    const coordinator = await flags(await server.tokenFor(DEMO.coordinator));
    expect(summary(coordinator)).toEqual(summary(await flags(admin)).filter((f) => !f.startsWith('Lena')));
    const staff = await server.gql(FLAGS, { from: DAY, to: DAY }, await server.tokenFor(DEMO.staff));
    expect(staff.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
