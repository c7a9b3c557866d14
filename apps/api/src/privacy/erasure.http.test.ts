import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewInput, SUBMIT_REVIEWS } from '../../test/support/factories.js';
import { newRecipient } from '../../test/support/referrals.js';
import { DEMO, startTestServer, type TestServer } from '../../test/support/test-server.js';

/* Issue 11 §6: erasure of a care recipient on request; their reviews are kept only as de-identified statistics. */

const ERASE = `mutation($id: UUID!, $reason: String!) { eraseCareRecipient(careRecipientId: $id, reason: $reason) {
  careRecipientId erasedAt reviews freeTextAnswers actions events referrals deviations lexSarahReportsKept } }`;
type Erased = {
  eraseCareRecipient: {
    careRecipientId: string;
    reviews: number;
    freeTextAnswers: number;
    actions: number;
    events: number;
    referrals: number;
    deviations: number;
    lexSarahReportsKept: number;
  };
};

const ADDRESS = 'Raderagatan 17, 602 22 Norrköping';
const NOTE = 'Bor med dottern Karin, nyckel hos grannen';
/** What a lex Sarah report about the person says: kept through an erasure on request (docs/data-protection.md). */
const LEX_SARAH_TEXT = `Missförhållande hos ${randomUUID()}`;
const REPORT_DEVIATION = `mutation($input: DeviationReportInput!) { reportDeviation(input: $input) { clientId } }`;

let server: TestServer;
let admin: string;
let recipientId: string;
let reference: string;

/** Tables whose rows, as text, contain `needle` anywhere (the whole database, the audit log included). */
async function tablesContaining(needle: string): Promise<string[]> {
  const tables: Array<{ table_name: string }> = await server.dataSource.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const found: string[] = [];
  for (const { table_name } of tables) {
    const rows: Array<{ n: string }> = await server.dataSource.query(`SELECT count(*) AS n FROM "${table_name}" t WHERE t::text LIKE $1`, [`%${needle}%`]);
    if (Number(rows[0]?.n) > 0) found.push(table_name);
  }
  return found;
}

const reviewCounts = async (id: string) =>
  (await server.dataSource.query(
    `SELECT (SELECT count(*) FROM review WHERE recipient_id = $1)::int AS reviews,
            (SELECT count(*) FROM identified_risk ir JOIN review r ON r.id = ir.review_id WHERE r.recipient_id = $1)::int AS risks,
            (SELECT count(*) FROM follow_up_action a JOIN review r ON r.id = a.review_id WHERE r.recipient_id = $1)::int AS actions`,
    [id],
  )) as Array<{ reviews: number; risks: number; actions: number }>;

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.tokenFor(DEMO.admin);
  const manager = await server.tokenFor(DEMO.manager);
  const staff = await server.tokenFor(DEMO.staff);
  recipientId = await newRecipient(server, manager, server.seed.unitIds[0] as string, server.seed.areaIds[0] as string, ADDRESS);
  reference = ((await server.dataSource.query(`SELECT reference FROM care_recipient WHERE id = $1`, [recipientId])) as Array<{ reference: string }>)[0]
    ?.reference as string;
  const review = reviewInput(recipientId, server.seed.templateVersionId);
  const withNote = {
    ...review,
    answers: [...(review.answers as Array<{ itemKey: string }>), { itemKey: 'notes', value: NOTE }],
    actions: [{ clientId: randomUUID(), itemKey: 'trip_hazards', what: `Ta bort mattan, ring ${NOTE}`, actor: 'RESIDENT' }],
  };
  const declined = {
    ...reviewInput(recipientId, server.seed.templateVersionId),
    status: 'DECLINED',
    declineReason: `Vill inte, ${NOTE}`,
    answers: [],
    actions: [],
  };
  const res = await server.gql<{ submitReviews: Array<{ outcome: string }> }>(SUBMIT_REVIEWS, { input: [withNote, declined] }, staff);
  expect(res.data?.submitReviews.map((r) => r.outcome)).toEqual(['CREATED', 'CREATED']);
  const event = await server.gql(
    `mutation($input: RecordEventInput!) { recordCareEvent(input: $input) { id } }`,
    { input: { recipientId, kind: 'FALL', occurredOn: '2026-01-10', riskCategory: 'fall', description: NOTE } },
    manager,
  );
  expect(event.errors).toBeUndefined();
  const deviation = (overrides: Record<string, unknown>) => ({
    clientId: randomUUID(),
    kind: 'FALL',
    lexSarah: false,
    occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
    description: `Föll, ${NOTE}`,
    immediateAction: `Ringde ${NOTE}`,
    recipientId,
    deviceId: 'phone-1',
    ...overrides,
  });
  const fall = deviation({});
  expect((await server.gql(REPORT_DEVIATION, { input: fall }, staff)).errors).toBeUndefined();
  const investigated = await server.gql(
    `mutation($id: UUID!, $input: DeviationInvestigationInput!) { investigateDeviation(id: $id, input: $input) { id } }`,
    { id: fall.clientId, input: { findings: `Fynd: ${NOTE}`, causes: ['OTHER'], causeDescription: `Orsak: ${NOTE}`, serious: false } },
    manager,
  );
  expect(investigated.errors).toBeUndefined();
  const lexSarah = deviation({ kind: 'MISSFORHALLANDE', lexSarah: true, description: LEX_SARAH_TEXT, immediateAction: null });
  expect((await server.gql(REPORT_DEVIATION, { input: lexSarah }, staff)).errors).toBeUndefined();
  expect(await tablesContaining(NOTE)).toEqual(expect.arrayContaining(['review', 'follow_up_action', 'care_event', 'deviation']));
  expect(await tablesContaining(ADDRESS)).toEqual(expect.arrayContaining(['care_recipient', 'referral']));
});
afterAll(() => server?.close());

describe('eraseCareRecipient', () => {
  it.each([
    ['staff', DEMO.staff],
    ['unit managers', DEMO.manager],
    ['quality coordinators', DEMO.coordinator],
  ])('is refused to %s, and changes nothing', async (_who, email) => {
    const res = await server.gql<Erased>(ERASE, { id: recipientId, reason: 'Begäran' }, await server.tokenFor(email));
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await tablesContaining(ADDRESS)).toContain('care_recipient');
  });

  it('refuses an empty reason and an unknown person with a typed error, writing nothing', async () => {
    const empty = await server.gql<Erased>(ERASE, { id: recipientId, reason: '   ' }, admin);
    expect(empty.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const unknown = await server.gql<Erased>(ERASE, { id: randomUUID(), reason: 'Begäran' }, admin);
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'careRecipientId' });
    expect(await tablesContaining(ADDRESS)).toContain('care_recipient');
  });

  it('removes every trace of who the person is, and keeps their reviews, risks and actions for the statistics', async () => {
    const before = await reviewCounts(recipientId);
    const res = await server.gql<Erased>(ERASE, { id: recipientId, reason: 'Begäran om radering, dnr 2026/123' }, admin);
    expect(res.errors).toBeUndefined();
    expect(res.data?.eraseCareRecipient).toMatchObject({
      careRecipientId: recipientId,
      reviews: 2,
      freeTextAnswers: 1,
      actions: 1,
      events: 1,
      referrals: 1,
      deviations: 1,
      lexSarahReportsKept: 1,
    });

    expect(await tablesContaining(NOTE)).toEqual([]);
    expect(await tablesContaining(ADDRESS)).toEqual([]);
    expect(await tablesContaining(reference)).toEqual([]);
    expect(await reviewCounts(recipientId)).toEqual(before);
    const [stub] = (await server.dataSource.query(`SELECT unit_id, area_id, housing_type, active, erased_at FROM care_recipient WHERE id = $1`, [
      recipientId,
    ])) as Array<{ unit_id: string; area_id: string; housing_type: string; active: boolean; erased_at: Date | null }>;
    expect(stub).toMatchObject({ unit_id: server.seed.unitIds[0], area_id: server.seed.areaIds[0], housing_type: 'rented_flat', active: false });
    expect(stub?.erased_at).not.toBeNull();
    // The deviation stays for the statistics (kind, dates, causes, status); the lex Sarah report stays whole.
    const kept: Array<{ kind: string; causes: string[] | null; device_id: string | null }> = await server.dataSource.query(
      `SELECT kind, causes, device_id FROM deviation WHERE care_recipient_id = $1 ORDER BY kind`,
      [recipientId],
    );
    expect(kept).toEqual([
      { kind: 'fall', causes: ['other'], device_id: null },
      { kind: 'missforhallande', causes: null, device_id: 'phone-1' },
    ]);
    expect(await tablesContaining(LEX_SARAH_TEXT)).toEqual(['deviation']);
  });

  it('is audited under the person’s row id, with counts and the reason but none of the erased data', async () => {
    const rows: Array<{ actor_role: string; details: Record<string, unknown> }> = await server.dataSource.query(
      `SELECT actor_role, details FROM audit_event WHERE care_recipient_id = $1 AND action = 'erase'`,
      [recipientId],
    );
    expect(rows).toEqual([
      { actor_role: 'admin', details: expect.objectContaining({ by: 'request', reason: 'Begäran om radering, dnr 2026/123', reviews: 2 }) },
    ]);
    // The earlier reads of the person stay in the log: erasure does not rewrite who looked.
    const reads = await server.dataSource.query(`SELECT 1 FROM audit_event WHERE care_recipient_id = $1 AND action = 'create'`, [recipientId]);
    expect(reads.length).toBeGreaterThan(0);
  });

  it('refuses to erase the same person twice', async () => {
    const again = await server.gql<Erased>(ERASE, { id: recipientId, reason: 'Igen' }, admin);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'careRecipientId' });
  });

  it('leaves a hash chain that still verifies', async () => {
    await server.app.services.audit.chainPending();
    const report = await server.app.services.audit.verifyChain();
    expect(report).toMatchObject({ ok: true });
  });
});
