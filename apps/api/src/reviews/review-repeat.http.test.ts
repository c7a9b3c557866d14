import { randomUUID } from 'node:crypto';
import { coverage } from '@hjulet/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestServer, type TestServer } from '../../test/support/test-server.js';
import { reviewInput } from '../../test/support/factories.js';
import { registerPartner } from '../../test/support/partners.js';

/*
 * A second review of a recipient in the same period (a calendar year) is stored, because it can be
 * right (after a move, an incident), but recognisably: linked to the period's original, with the reason
 * the worker gave, so that indicators count the recipient once.
 */

const SUBMIT = `mutation Submit($input: [ReviewInput!]!) {
  submitReviews(input: $input) { clientId outcome review { id status repeatOf repeatReason } error { code field message } } }`;

interface Submitted {
  clientId: string;
  outcome: string;
  review: { id: string; status: string; repeatOf: string | null; repeatReason: string | null } | null;
  error: { code: string; field: string | null; message: string } | null;
}

let server: TestServer;
let staff: string;
let staff2: string;
let manager: string;
let norrUnit: string;

const createRecipient = async (reference: string) => {
  const res = await server.gql<{ createCareRecipient: { id: string } }>(
    `mutation($input: CreateCareRecipientInput!) { createCareRecipient(input: $input) { id } }`,
    { input: { reference, unitId: norrUnit, areaId: server.seed.areaIds[0], housingType: 'HOUSE' } },
    manager,
  );
  return res.data?.createCareRecipient.id as string;
};

const at = (offeredAt: string, overrides: Record<string, unknown> = {}) => ({
  offeredAt,
  performedAt: new Date(Date.parse(offeredAt) + 3600_000).toISOString(),
  ...overrides,
});

async function submit(token: string, input: Array<Record<string, unknown>>): Promise<Submitted[]> {
  const res = await server.gql<{ submitReviews: Submitted[] }>(SUBMIT, { input }, token);
  expect(res.errors).toBeUndefined();
  return res.data?.submitReviews ?? [];
}

const review = (recipientId: string, overrides: Record<string, unknown>) => reviewInput(recipientId, server.seed.templateVersionId, overrides);

beforeAll(async () => {
  // The answer "no webhook endpoint" kept for the whole run: a test below shows a stale one is harmless.
  server = await startTestServer({ recipientCount: 8, env: { WEBHOOK_ENDPOINT_CACHE_MS: '600000' } });
  [staff, staff2, manager] = await Promise.all([server.tokenFor(DEMO.staff), server.tokenFor(DEMO.staff2), server.tokenFor(DEMO.manager)]);
  norrUnit = server.seed.unitIds[0] as string;
});
afterAll(() => server?.close());

describe('a second review of a recipient in the same period', () => {
  it("is stored, linked to the period's original, with the reason given; a review of another year is an original", async () => {
    const recipient = await createRecipient('HT-REPEAT-1');
    const [first] = await submit(staff, [review(recipient, at('2021-03-01T09:00:00.000Z'))]);
    expect(first).toMatchObject({ outcome: 'CREATED', review: { repeatOf: null, repeatReason: null } });

    // Another member of the unit, on another phone, months later: a move.
    const [second] = await submit(staff2, [review(recipient, at('2021-09-01T09:00:00.000Z', { repeatReason: '  Har flyttat till ny bostad ' }))]);
    expect(second).toMatchObject({ outcome: 'CREATED', review: { repeatOf: first?.review?.id, repeatReason: 'Har flyttat till ny bostad' } });

    // A third links to the original too, not to the second: one original per recipient and period.
    const [third] = await submit(staff, [review(recipient, at('2021-11-01T09:00:00.000Z', { status: 'DECLINED', declineReason: 'Vill inte', answers: [] }))]);
    expect(third).toMatchObject({ outcome: 'CREATED', review: { status: 'DECLINED', repeatOf: first?.review?.id, repeatReason: null } });

    const [nextYear] = await submit(staff, [review(recipient, at('2022-01-10T09:00:00.000Z'))]);
    expect(nextYear).toMatchObject({ outcome: 'CREATED', review: { repeatOf: null } });
  });

  it('links the later of two reviews of one recipient sent in the same batch to the earlier one', async () => {
    const recipient = await createRecipient('HT-REPEAT-2');
    const other = await createRecipient('HT-REPEAT-3');
    const results = await submit(staff, [
      review(recipient, at('2021-04-01T09:00:00.000Z')),
      review(other, at('2021-04-01T09:00:00.000Z')),
      review(recipient, at('2021-04-02T09:00:00.000Z', { repeatReason: 'Efter en brand' })),
    ]);
    expect(results.map((r) => r.outcome)).toEqual(['CREATED', 'CREATED', 'CREATED']);
    expect(results.map((r) => r.review?.repeatOf ?? null)).toEqual([null, null, results[0]?.review?.id]);
  });

  it("links to the batch's earlier review when that one finishes an offer stored in another month than the phone says", async () => {
    const recipient = await createRecipient('HT-REPEAT-OFFER');
    const clientId = randomUUID();
    const offered = await server.gql<{ offerReview: { id: string } }>(
      `mutation($input: OfferReviewInput!) { offerReview(input: $input) { id } }`,
      { input: { clientId, recipientId: recipient, templateVersionId: server.seed.templateVersionId } },
      staff,
    );
    expect(offered.errors).toBeUndefined();
    // The offer is stored as made now; the phone's finished review says it was offered a month earlier.
    const monthAgo = new Date(Date.now() - 31 * 86_400_000);
    const lastYearsStart = new Date(Date.UTC(new Date().getUTCFullYear(), 0, 1));
    const offeredAt = (monthAgo < lastYearsStart ? new Date(Date.now() - 3_600_000) : monthAgo).toISOString();
    const results = await submit(staff, [
      review(recipient, { ...at(offeredAt), clientId }),
      review(recipient, at(new Date(Date.now() - 1_800_000).toISOString(), { repeatReason: 'Efter en brand' })),
    ]);
    expect(results.map((r) => r.outcome)).toEqual(['CREATED', 'CREATED']);
    expect(results.map((r) => r.review?.repeatOf ?? null)).toEqual([null, offered.data?.offerReview.id]);
    // In the one batch statement, not review by review after it failed (placements, the write, at most the endpoint check).
    expect((await server.lastReport('Submit')).sqlStatements).toBeLessThanOrEqual(3);
  });

  it('answers a resent repeat ALREADY_STORED, and the same client id with another reason CONFLICT', async () => {
    const recipient = await createRecipient('HT-REPEAT-4');
    await submit(staff, [review(recipient, at('2021-05-01T09:00:00.000Z'))]);
    const repeat = review(recipient, at('2021-06-01T09:00:00.000Z', { repeatReason: 'Efter ett fall' }));
    const [stored] = await submit(staff, [repeat]);
    const [again] = await submit(staff, [repeat]);
    expect(again).toMatchObject({ outcome: 'ALREADY_STORED', review: { id: stored?.review?.id, repeatReason: 'Efter ett fall' } });
    const [changed] = await submit(staff, [{ ...repeat, repeatReason: 'Något annat' }]);
    expect(changed).toMatchObject({ outcome: 'REJECTED', error: { code: 'CONFLICT', field: 'clientId' } });
  });

  it('refuses a reason over 500 characters for that review alone, and writes nothing for it', async () => {
    const recipient = await createRecipient('HT-REPEAT-5');
    const before = await server.tableCounts();
    const [refused] = await submit(staff, [review(recipient, at('2021-07-01T09:00:00.000Z', { repeatReason: 'x'.repeat(501) }))]);
    expect(refused).toMatchObject({ outcome: 'REJECTED', error: { code: 'BAD_USER_INPUT', field: 'repeatReason' } });
    expect(await server.tableCounts()).toEqual(before);
  });

  it('counts a recipient reviewed twice in a period once: in its review status, in coverage, and among the originals', async () => {
    const twice = await createRecipient('HT-COUNT-1');
    const once = await createRecipient('HT-COUNT-2');
    const never = await createRecipient('HT-COUNT-3');
    await submit(staff, [review(twice, at('2019-02-01T09:00:00.000Z')), review(once, at('2019-03-01T09:00:00.000Z'))]);
    await submit(staff2, [review(twice, at('2019-10-01T09:00:00.000Z', { repeatReason: 'Ny bostad' }))]);

    const listed = await server.gql<{ careRecipients: Array<{ id: string; reviewStatus: { status: string | null } }> }>(
      `query Count($unitId: UUID!) { careRecipients(unitId: $unitId) { id reviewStatus(period: "2019") { status } } }`,
      { unitId: norrUnit },
      manager,
    );
    const mine = (listed.data?.careRecipients ?? []).filter((r) => [twice, once, never].includes(r.id));
    expect(mine).toHaveLength(3);
    const offered = mine.filter((r) => r.reviewStatus.status !== null).length;
    expect(coverage({ eligibleRecipients: mine.length, offeredRecipients: offered })).toEqual({ numerator: 2, denominator: 3, value: 2 / 3 });

    const page = await server.gql<{ reviews: { edges: Array<{ node: { recipientId: string; repeatOf: string | null } }> } }>(
      `query Period($filter: ReviewFilter) { reviews(filter: $filter, first: 500) { edges { node { recipientId repeatOf } } } }`,
      { filter: { unitId: norrUnit, period: '2019' } },
      manager,
    );
    const reviews = (page.data?.reviews.edges ?? []).map((e) => e.node).filter((r) => [twice, once].includes(r.recipientId));
    expect(reviews).toHaveLength(3);
    const originals = reviews.filter((r) => r.repeatOf === null);
    expect(originals.map((r) => r.recipientId).sort()).toEqual([twice, once].sort());
  });

  it('still writes a batch of reviews in one statement', async () => {
    const recipient = await createRecipient('HT-REPEAT-6');
    await submit(staff, [review(recipient, at('2021-08-01T09:00:00.000Z'))]);
    const results = await submit(staff, [
      review(recipient, at('2021-08-02T09:00:00.000Z', { repeatReason: 'Efter ett fall' })),
      review(recipient, at('2021-08-03T09:00:00.000Z', { repeatReason: 'Efter ett fall' })),
    ]);
    expect(results.map((r) => r.outcome)).toEqual(['CREATED', 'CREATED']);
    // The placements and the batch write; the template version is cached, and so is the answer that no partner
    // has a webhook endpoint (asked again at most every few seconds: a third statement then). These reviews
    // consent to sharing, so the write may create a referral, but with no endpoint to tell there is no
    // webhook outbox to write and no transaction to keep it with the write.
    expect((await server.lastReport('Submit')).sqlStatements).toBeLessThanOrEqual(3);
  });
});

describe('a consented batch when a partner has a webhook endpoint', () => {
  const REGISTER_ENDPOINT = `mutation Register($input: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $input) { endpoint { id } } }`;
  const deliveriesOf = async (reviewId: string): Promise<number> => {
    const [row] = (await server.dataSource.query(
      `SELECT count(*)::int AS n FROM webhook_delivery d JOIN referral rf ON rf.id::text = d.subject WHERE rf.review_id = $1`,
      [reviewId],
    )) as Array<{ n: number }>;
    return row?.n ?? 0;
  };

  it('is told of a referral made by a batch whose instance still remembered there was no endpoint', async () => {
    const admin = await server.tokenFor(DEMO.admin);
    const partner = await registerPartner(server, admin, { areaIds: [server.seed.areaIds[0] as string] });
    expect(await server.app.services.webhooks.mayHaveReferralEndpoints()).toBe(false);
    // As another instance registers it: this instance is not told, and keeps its answer for a while.
    await server.dataSource.query(
      `INSERT INTO webhook_endpoint (id, partner_client_id, url, events, secret, created_by)
       SELECT gen_random_uuid(), $1, 'http://127.0.0.1:9/hook', ARRAY['referral.created'], 'whsec_' || md5(random()::text), id FROM app_user WHERE email = $2`,
      [partner.clientId, DEMO.admin],
    );
    const recipient = await createRecipient('HT-HOOK-1');
    const [stored] = await submit(staff, [review(recipient, at('2022-02-01T09:00:00.000Z'))]);
    expect(stored?.outcome).toBe('CREATED');
    expect(await deliveriesOf(stored?.review?.id as string)).toBe(1);
  });

  it('writes the outbox in the same transaction as the batch, in a few statements', async () => {
    const admin = await server.tokenFor(DEMO.admin);
    const partner = await registerPartner(server, admin, { areaIds: [server.seed.areaIds[0] as string] });
    const res = await server.gql(
      REGISTER_ENDPOINT,
      { input: { partnerClientId: partner.clientId, url: 'http://127.0.0.1:9/other', events: ['REFERRAL_CREATED'] } },
      admin,
    );
    expect(res.errors).toBeUndefined();
    const recipient = await createRecipient('HT-HOOK-2');
    server.reports.length = 0;
    const [stored] = await submit(staff, [review(recipient, at('2022-03-01T09:00:00.000Z'))]);
    expect(await deliveriesOf(stored?.review?.id as string)).toBe(2);
    // The placements, whether an endpoint exists (asked again: this instance registered one), BEGIN, the
    // batch write, the outbox rows, their jobs, COMMIT.
    expect((await server.lastReport('Submit')).sqlStatements).toBeLessThanOrEqual(7);
  });
});
