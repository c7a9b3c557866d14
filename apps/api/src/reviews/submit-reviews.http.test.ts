import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestServer, type TestServer } from '../../test/support/test-server.js';
import { reviewInput, SUBMIT_REVIEWS } from '../../test/support/factories.js';

interface SubmitResult {
  submitReviews: Array<{
    clientId: string;
    index: number;
    outcome: 'CREATED' | 'ALREADY_STORED' | 'REJECTED';
    review: { id: string; status: string; recipientId: string; risks: Array<{ itemKey: string }> } | null;
    error: { code: string; field: string | null; message: string } | null;
  }>;
}

let server: TestServer;
let staff: string;
let norr: string[];
let soder: string[];

beforeAll(async () => {
  server = await startTestServer();
  staff = await server.tokenFor(DEMO.staff);
  const [norrUnit, soderUnit] = server.seed.unitIds;
  norr = server.seed.recipients.filter((r) => r.unitId === norrUnit).map((r) => r.id);
  soder = server.seed.recipients.filter((r) => r.unitId === soderUnit).map((r) => r.id);
});
afterAll(() => server?.close());

type Review = ReturnType<typeof reviewInput> & { answers: Array<{ itemKey: string; value?: string }>; consentToShareWithFireService: boolean };

const action = (itemKey: string) => ({ clientId: randomUUID(), itemKey, what: 'Hyresvärden kontaktas', actor: 'HOME_CARE_CONTACTS_LANDLORD' });

const actionCount = async (reviewClientId: string) =>
  Number(
    (
      await server.dataSource.query(`SELECT count(*) AS n FROM follow_up_action a JOIN review r ON r.id = a.review_id WHERE r.client_id = $1`, [reviewClientId])
    )[0].n,
  );

// The demo unit has 15 recipients; later tests review them again under new client ids.
const recipient = (i: number) => norr[i % norr.length] as string;

const reviewRows = async (clientIds: string[]) =>
  server.dataSource.query(
    `SELECT r.client_id, r.status, count(k.id)::int AS risks FROM review r LEFT JOIN identified_risk k ON k.review_id = r.id
                           WHERE r.client_id = ANY($1::uuid[]) GROUP BY r.id, r.offered_at ORDER BY r.client_id`,
    [clientIds],
  );

describe('submitReviews over HTTP', () => {
  it('stores each review of a batch sent twice exactly once and answers with the same server state', async () => {
    const batch = norr.slice(0, 5).map((id) => reviewInput(id, server.seed.templateVersionId));
    const first = await server.gql<SubmitResult>(SUBMIT_REVIEWS, { input: batch }, staff);
    expect(first.errors).toBeUndefined();
    expect(first.data?.submitReviews.map((r) => r.outcome)).toEqual(Array(5).fill('CREATED'));
    const rowsAfterFirst = await reviewRows(batch.map((b) => b.clientId));

    const second = await server.gql<SubmitResult>(SUBMIT_REVIEWS, { input: batch }, staff);
    expect(second.data?.submitReviews.map((r) => r.outcome)).toEqual(Array(5).fill('ALREADY_STORED'));
    expect(second.data?.submitReviews.map((r) => r.review?.id)).toEqual(first.data?.submitReviews.map((r) => r.review?.id));
    expect(await reviewRows(batch.map((b) => b.clientId))).toEqual(rowsAfterFirst);
    expect(rowsAfterFirst).toHaveLength(5);
    expect(rowsAfterFirst.every((r: { risks: number }) => r.risks === 2)).toBe(true);
  });

  it('stores only the missing reviews when a batch half-arrived before', async () => {
    const batch = norr.slice(5, 9).map((id) => reviewInput(id, server.seed.templateVersionId));
    await server.gql<SubmitResult>(SUBMIT_REVIEWS, { input: batch.slice(0, 2) }, staff);
    const retry = await server.gql<SubmitResult>(SUBMIT_REVIEWS, { input: batch }, staff);
    expect(retry.data?.submitReviews.map((r) => r.outcome)).toEqual(['ALREADY_STORED', 'ALREADY_STORED', 'CREATED', 'CREATED']);
    expect(await reviewRows(batch.map((b) => b.clientId))).toHaveLength(4);
  });

  it('rejects the bad review of a batch with its reason and stores the good ones', async () => {
    const good = reviewInput(norr[9] as string, server.seed.templateVersionId);
    const notInTemplate = reviewInput(norr[10] as string, server.seed.templateVersionId, {
      answers: [...reviewInput(norr[10] as string, server.seed.templateVersionId).answers, { itemKey: 'no_such_item', value: 'yes' }],
    });
    const otherUnit = reviewInput(soder[0] as string, server.seed.templateVersionId);
    const res = await server.gql<SubmitResult>(SUBMIT_REVIEWS, { input: [good, notInTemplate, otherUnit] }, staff);
    const [a, b, c] = res.data?.submitReviews ?? [];
    expect(a?.outcome).toBe('CREATED');
    expect(b).toMatchObject({ outcome: 'REJECTED', review: null, error: { code: 'BAD_USER_INPUT', field: 'answers.no_such_item' } });
    expect(c).toMatchObject({ outcome: 'REJECTED', error: { code: 'FORBIDDEN', field: 'recipientId' } });
    expect(await reviewRows([good.clientId, notInTemplate.clientId, otherUnit.clientId])).toHaveLength(1);
  });

  it("refuses a client id that belongs to another recipient's review", async () => {
    const original = reviewInput(norr[11] as string, server.seed.templateVersionId);
    await server.gql(SUBMIT_REVIEWS, { input: [original] }, staff);
    const hijack = { ...reviewInput(norr[12] as string, server.seed.templateVersionId), clientId: original.clientId };
    const res = await server.gql<SubmitResult>(SUBMIT_REVIEWS, { input: [hijack] }, staff);
    expect(res.data?.submitReviews[0]).toMatchObject({ outcome: 'REJECTED', error: { code: 'CONFLICT', field: 'clientId' } });
  });

  it("rejects a new review whose agreed action reuses a stored action's clientId, and stores the rest of the batch", async () => {
    const first = reviewInput(recipient(13), server.seed.templateVersionId, { actions: [action('alarm_present')] });
    await server.gql(SUBMIT_REVIEWS, { input: [first] }, staff);
    const reused = reviewInput(recipient(14), server.seed.templateVersionId, {
      actions: [{ ...action('trip_hazards'), clientId: (first.actions as Array<{ clientId: string }>)[0]?.clientId }],
    });
    const good = reviewInput(recipient(15), server.seed.templateVersionId, { actions: [action('trip_hazards')] });
    const res = await server.gql<SubmitResult>(SUBMIT_REVIEWS, { input: [reused, good] }, staff);
    expect(res.errors).toBeUndefined();
    expect(res.data?.submitReviews[0]).toMatchObject({ outcome: 'REJECTED', review: null, error: { code: 'CONFLICT', field: 'actions[0].clientId' } });
    expect(res.data?.submitReviews[1]).toMatchObject({ outcome: 'CREATED' });
    expect(await reviewRows([reused.clientId, good.clientId])).toEqual([expect.objectContaining({ client_id: good.clientId })]);
    expect(await actionCount(good.clientId)).toBe(1);
  });

  it('stores the first of two reviews in one batch that share an action clientId and rejects the second', async () => {
    const shared = action('alarm_present');
    const a = reviewInput(recipient(16), server.seed.templateVersionId, { actions: [shared] });
    const b = reviewInput(recipient(17), server.seed.templateVersionId, { actions: [action('trip_hazards'), shared] });
    const res = await server.gql<SubmitResult>(SUBMIT_REVIEWS, { input: [a, b] }, staff);
    expect(res.data?.submitReviews.map((r) => r.outcome)).toEqual(['CREATED', 'REJECTED']);
    expect(res.data?.submitReviews[1]?.error).toMatchObject({ code: 'CONFLICT', field: 'actions[1].clientId' });
    expect(await actionCount(a.clientId)).toBe(1);
    expect(await reviewRows([b.clientId])).toEqual([]);
  });

  it.each([
    ['answers', (r: Review) => ({ answers: r.answers.map((x) => (x.itemKey === 'trip_hazards' ? { ...x, value: 'no' } : x)) })],
    ['consent', (r: Review) => ({ consentToShareWithFireService: !r.consentToShareWithFireService })],
    ['actions', () => ({ actions: [action('alarm_present')] })],
    ['status', () => ({ status: 'DECLINED', answers: [], declineReason: 'Vill inte' })],
  ] as const)('answers CONFLICT when a stored clientId comes again with other %s, keeps the stored version and audits the attempt', async (_what, change) => {
    const original = reviewInput(recipient(18), server.seed.templateVersionId);
    const stored = await server.gql<SubmitResult>(SUBMIT_REVIEWS, { input: [original] }, staff);
    const before = await server.tableCounts();
    const altered = { ...original, ...change(original as unknown as Review) };
    const res = await server.gql<SubmitResult>(SUBMIT_REVIEWS, { input: [altered] }, staff);
    expect(res.data?.submitReviews[0]).toMatchObject({ outcome: 'REJECTED', review: null, error: { code: 'CONFLICT', field: 'clientId' } });
    expect(await server.tableCounts()).toEqual(before);
    const audited: Array<{ action: string; details: { reason: string } }> = await server.dataSource.query(
      `SELECT action, details FROM audit_event WHERE entity_id = $1 AND action = 'refused'`,
      [stored.data?.submitReviews[0]?.review?.id],
    );
    expect(audited).toEqual([expect.objectContaining({ action: 'refused', details: expect.objectContaining({ reason: 'idempotency_conflict' }) })]);
    const again = await server.gql<SubmitResult>(SUBMIT_REVIEWS, { input: [original] }, staff);
    expect(again.data?.submitReviews[0]).toMatchObject({ outcome: 'ALREADY_STORED', review: { id: stored.data?.submitReviews[0]?.review?.id } });
  });

  it('rejects only the review the database refuses and stores the others of the batch', async () => {
    // A NUL cannot be stored in a PostgreSQL text column: before the fix it cost the whole batch.
    const bad = reviewInput(recipient(19), server.seed.templateVersionId, { status: 'DECLINED', answers: [], declineReason: 'nej\u0000tack' });
    const goods = [20, 21].map((i) => reviewInput(recipient(i), server.seed.templateVersionId));
    const res = await server.gql<SubmitResult>(SUBMIT_REVIEWS, { input: [goods[0], bad, goods[1]] }, staff);
    expect(res.errors).toBeUndefined();
    expect(res.data?.submitReviews.map((r) => r.outcome)).toEqual(['CREATED', 'REJECTED', 'CREATED']);
    expect(res.data?.submitReviews[1]?.error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'declineReason' });
    expect(await reviewRows([bad.clientId])).toEqual([]);
  });

  describe('answers sent as one object (answerValues)', () => {
    const asValues = (review: Review) => {
      const { answers, ...rest } = review;
      return { ...rest, answerValues: Object.fromEntries(answers.map((a) => [a.itemKey, a.value])) };
    };

    it('stores the same review, risks and all, as the answers list does', async () => {
      const listed = reviewInput(recipient(22), server.seed.templateVersionId) as unknown as Review;
      const valued = asValues(reviewInput(recipient(23), server.seed.templateVersionId) as unknown as Review);
      const res = await server.gql<SubmitResult>(SUBMIT_REVIEWS, { input: [listed, valued] }, staff);
      expect(res.data?.submitReviews.map((r) => r.outcome)).toEqual(['CREATED', 'CREATED']);
      const [a, b] = res.data?.submitReviews ?? [];
      expect(b?.review?.risks).toEqual(a?.review?.risks);
      const stored: Array<{ answers: Record<string, string> }> = await server.dataSource.query(
        `SELECT answers FROM review WHERE client_id = ANY($1::uuid[]) ORDER BY client_id`,
        [[listed.clientId, valued.clientId]],
      );
      expect(stored[0]?.answers).toEqual(stored[1]?.answers);
    });

    it('is the same content as the list: sent again in the other form it is ALREADY_STORED', async () => {
      const listed = reviewInput(recipient(24), server.seed.templateVersionId) as unknown as Review;
      await server.gql(SUBMIT_REVIEWS, { input: [listed] }, staff);
      const again = await server.gql<SubmitResult>(SUBMIT_REVIEWS, { input: [asValues(listed)] }, staff);
      expect(again.data?.submitReviews[0]?.outcome).toBe('ALREADY_STORED');
    });

    it.each([
      ['both forms at once', (r: Review) => ({ ...asValues(r), answers: r.answers }), 'answerValues'],
      [
        'an answer that is neither text nor number',
        (r: Review) => ({ ...asValues(r), answerValues: { ...asValues(r).answerValues, trip_hazards: true } }),
        'answerValues.trip_hazards',
      ],
      ['a NUL in an answer', (r: Review) => ({ ...asValues(r), answerValues: { ...asValues(r).answerValues, notes: 'a\u0000b' } }), 'answerValues.notes'],
      ['an unknown item', (r: Review) => ({ ...asValues(r), answerValues: { ...asValues(r).answerValues, no_such_item: 'yes' } }), 'answers.no_such_item'],
    ] as const)('rejects %s for that review only', async (_what, change, field) => {
      const bad = change(reviewInput(recipient(25), server.seed.templateVersionId) as unknown as Review);
      const good = reviewInput(recipient(26), server.seed.templateVersionId);
      const res = await server.gql<SubmitResult>(SUBMIT_REVIEWS, { input: [bad, good] }, staff);
      expect(res.errors).toBeUndefined();
      expect(res.data?.submitReviews[0]).toMatchObject({ outcome: 'REJECTED', error: { code: 'BAD_USER_INPUT', field } });
      expect(res.data?.submitReviews[1]?.outcome).toBe('CREATED');
    });
  });

  it('sends at most four SQL statements for a batch of 500 that refers nothing', async () => {
    const batch = Array.from({ length: 500 }, (_, i) =>
      reviewInput(norr[i % norr.length] as string, server.seed.templateVersionId, { consentToShareWithFireService: false }),
    );
    const res = await server.gql<SubmitResult>(SUBMIT_REVIEWS, { input: batch }, staff);
    expect(res.data?.submitReviews.filter((r) => r.outcome === 'CREATED')).toHaveLength(500);
    const report = await server.lastReport('Submit');
    // placements + one write statement (+ template versions when not cached) + risks of the answer
    expect(report?.sqlStatements).toBeLessThanOrEqual(4);
  });

  it('sends at most three more for a batch of 500 that refers: the transaction around the write and its webhook outbox', async () => {
    const batch = Array.from({ length: 500 }, (_, i) => reviewInput(norr[i % norr.length] as string, server.seed.templateVersionId));
    const res = await server.gql<SubmitResult>(SUBMIT_REVIEWS, { input: batch }, staff);
    expect(res.data?.submitReviews.filter((r) => r.outcome === 'CREATED')).toHaveLength(500);
    const report = await server.lastReport('Submit');
    // BEGIN, the outbox rows (webhooks/), COMMIT; the jobs statement only when an endpoint subscribes (none here).
    expect(report?.sqlStatements).toBeLessThanOrEqual(7);
  });
});
