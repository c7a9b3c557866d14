import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestServer, type TestServer } from '../../test/support/test-server.js';
import { partnerToken, registerPartner } from '../../test/support/partners.js';
import { acknowledge, drainReferrals, newRecipient, referralPage, submitReview } from '../../test/support/referrals.js';

/*
 * Referrals (issue 10 §3): a consented review's reportable risks reach the fire service of its area, with
 * the address and the risks and nothing else; partners page through them by cursor and acknowledge them;
 * the unit sees the outcome on its follow-up action; withdrawn consent takes the referral away.
 */

let server: TestServer;
let admin: string;
let staff: string;
let norrUnit: string;
let areaA: string;
let areaB: string;
let token: string;
let readOnlyToken: string;
let otherAreaToken: string;
let clientId: string;

beforeAll(async () => {
  // No audit chainer: its transaction each second would hold back, now and then, a referral just made (the
  // feed shows only referrals older than every running write), and these tests read right after writing.
  server = await startTestServer({ env: { AUDIT_CHAIN_INTERVAL_MS: '0' } });
  admin = await server.tokenFor(DEMO.admin);
  staff = await server.tokenFor(DEMO.staff);
  norrUnit = server.seed.unitIds[0] as string;
  [areaA, areaB] = server.seed.areaIds as [string, string];
  const client = await registerPartner(server, admin, { areaIds: [areaA] });
  clientId = client.clientId;
  token = await partnerToken(server.url, client);
  readOnlyToken = await partnerToken(server.url, client, 'referrals:read');
  otherAreaToken = await partnerToken(server.url, await registerPartner(server, admin, { areaIds: [areaB] }));
});
afterAll(() => server?.close());

describe('a review completed with consent', () => {
  it("becomes one referral for its area's fire service: the address and the reportable risks, nothing else", async () => {
    const since = await drainReferrals(server.url, token);
    const recipientId = await newRecipient(server, admin, norrUnit, areaA);
    await submitReview(server, staff, recipientId);

    const { page } = await referralPage(server.url, token, { since });
    expect(page?.referrals).toHaveLength(1);
    const referral = page?.referrals[0];
    expect(Object.keys(referral ?? {}).sort()).toEqual(['acknowledgedAt', 'address', 'area', 'createdAt', 'housingType', 'id', 'outcome', 'risks']);
    // alarm_present (brand) is reportable; trip_hazards (fall) is not, so it stays with the unit.
    expect(referral).toMatchObject({
      address: 'Brandgatan 3, Norrköping',
      housingType: 'RENTED_FLAT',
      risks: [{ itemKey: 'alarm_present', category: 'brand', severity: 'HIGH' }],
      outcome: null,
      acknowledgedAt: null,
    });
    const stored = JSON.stringify(await server.dataSource.query(`SELECT * FROM referral WHERE id = $1`, [referral?.id]));
    expect(stored).not.toContain(recipientId);
    expect(stored).not.toMatch(/ref-/);
  });

  it('makes no referral without consent, when declined, or without a reportable risk', async () => {
    const since = await drainReferrals(server.url, token);
    const noConsent = await newRecipient(server, admin, norrUnit, areaA);
    await submitReview(server, staff, noConsent, { consentToShareWithFireService: false });
    const onlyFall = await newRecipient(server, admin, norrUnit, areaA);
    const { answerList, completeAnswers } = await import('../../test/support/factories.js');
    await submitReview(server, staff, onlyFall, { answers: answerList(completeAnswers(['trip_hazards'])) });
    const declined = await newRecipient(server, admin, norrUnit, areaA);
    await submitReview(server, staff, declined, { status: 'DECLINED', declineReason: 'Vill inte', answers: [] });

    const { page } = await referralPage(server.url, token, { since });
    expect(page?.referrals).toEqual([]);
    expect(page?.cursor).toBe(since);
  });

  it('is not seen by the fire service of another area, nor acknowledged by it', async () => {
    const recipientId = await newRecipient(server, admin, norrUnit, areaA);
    const otherSince = await drainReferrals(server.url, otherAreaToken);
    const since = await drainReferrals(server.url, token);
    await submitReview(server, staff, recipientId);
    const mine = (await referralPage(server.url, token, { since })).page?.referrals ?? [];
    expect(mine).toHaveLength(1);
    expect((await referralPage(server.url, otherAreaToken, { since: otherSince })).page?.referrals).toEqual([]);
    const refused = await acknowledge(server.url, otherAreaToken, mine[0]?.id as string, 'NO_ACTION');
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
  });
});

describe('the referral feed', () => {
  it('pages by cursor: each referral once, in order, with hasMore until the end', async () => {
    const since = await drainReferrals(server.url, token);
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push(await submitReview(server, staff, await newRecipient(server, admin, norrUnit, areaA)));
    const seen: string[] = [];
    let cursor = since;
    const pages: boolean[] = [];
    for (;;) {
      const { page } = await referralPage(server.url, token, { since: cursor, first: 2 });
      seen.push(...(page?.referrals.map((r) => r.id) ?? []));
      pages.push(page?.hasMore ?? false);
      cursor = page?.cursor as string;
      if (!page?.hasMore) break;
    }
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    expect(pages).toEqual([true, true, false]);
    const reviewsOfSeen: Array<{ review_id: string }> = await server.dataSource.query(
      `SELECT review_id FROM referral WHERE id = ANY($1::uuid[]) ORDER BY seq`,
      [seen],
    );
    expect(reviewsOfSeen.map((r) => r.review_id)).toEqual(made);
  });

  it('refuses a cursor it did not give out, and a page size out of range', async () => {
    const bad = await referralPage(server.url, token, { since: 'not-a-cursor' });
    expect(bad.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'since' });
    const big = await referralPage(server.url, token, { first: 501 });
    expect(big.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('audits every referral a partner reads, with whose home it is about', async () => {
    const since = await drainReferrals(server.url, token);
    const recipientId = await newRecipient(server, admin, norrUnit, areaA);
    await submitReview(server, staff, recipientId);
    const { page } = await referralPage(server.url, token, { since });
    const id = page?.referrals[0]?.id;
    const rows: Array<{ actor_role: string; care_recipient_id: string }> = await server.dataSource.query(
      `SELECT actor_role, care_recipient_id FROM audit_event WHERE action = 'read' AND entity_type = 'referral' AND entity_id = $1 AND actor_id = $2`,
      [id, clientId],
    );
    expect(rows).toEqual([{ actor_role: 'partner', care_recipient_id: recipientId }]);
  });
});

describe('acknowledging a referral', () => {
  it('records the outcome, which the home-care unit sees on the follow-up action of the shared risk', async () => {
    const since = await drainReferrals(server.url, token);
    const recipientId = await newRecipient(server, admin, norrUnit, areaA);
    const actions = [
      { clientId: randomUUID(), itemKey: 'alarm_present', what: 'Hyresvärden sätter upp brandvarnare', actor: 'HOME_CARE_CONTACTS_LANDLORD' },
      { clientId: randomUUID(), itemKey: 'trip_hazards', what: 'Ta bort lösa mattor', actor: 'RESIDENT' },
    ];
    const reviewId = await submitReview(server, staff, recipientId, { actions });
    const id = (await referralPage(server.url, token, { since })).page?.referrals[0]?.id as string;

    const forbidden = await acknowledge(server.url, readOnlyToken, id, 'HOME_VISIT_BOOKED');
    expect(forbidden.body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');

    const res = await acknowledge(server.url, token, id, 'CONTACTED_LANDLORD');
    expect(res.body.data?.['acknowledgeReferral']).toMatchObject({ id, outcome: 'CONTACTED_LANDLORD' });

    const seen = await server.gql<{
      followUpActions: Array<{ reviewId: string; what: string; fireServiceReferral: { outcome: string; acknowledgedAt: string } | null }>;
    }>(`{ followUpActions { reviewId what fireServiceReferral { outcome acknowledgedAt withdrawnAt } } }`, {}, staff);
    const ofReview = seen.data?.followUpActions.filter((a) => a.reviewId === reviewId) ?? [];
    expect(ofReview.find((a) => a.what.startsWith('Hyresvärden'))?.fireServiceReferral).toMatchObject({ outcome: 'CONTACTED_LANDLORD', withdrawnAt: null });
    expect(ofReview.find((a) => a.what.startsWith('Ta bort'))?.fireServiceReferral).toBeNull();

    const audit: Array<{ details: { outcome: string } }> = await server.dataSource.query(
      `SELECT details FROM audit_event WHERE action = 'update' AND entity_type = 'referral' AND entity_id = $1 AND actor_id = $2`,
      [id, clientId],
    );
    expect(audit.map((a) => a.details.outcome)).toEqual(['contacted_landlord']);
  });
});

describe('withdrawing consent', () => {
  const WITHDRAW = `mutation($id: UUID!) { withdrawFireServiceConsent(reviewId: $id) { reviewId consentToShareWithFireService withdrawnReferralId } }`;

  it("takes the referral out of the fire service's view, clears its address and risks, and is audited", async () => {
    const since = await drainReferrals(server.url, token);
    const recipientId = await newRecipient(server, admin, norrUnit, areaA);
    const reviewId = await submitReview(server, staff, recipientId);
    const id = (await referralPage(server.url, token, { since })).page?.referrals[0]?.id as string;

    const res = await server.gql<{ withdrawFireServiceConsent: { withdrawnReferralId: string; consentToShareWithFireService: boolean } }>(
      WITHDRAW,
      { id: reviewId },
      staff,
    );
    expect(res.data?.withdrawFireServiceConsent).toMatchObject({ withdrawnReferralId: id, consentToShareWithFireService: false });

    expect((await referralPage(server.url, token, { since })).page?.referrals).toEqual([]);
    expect((await acknowledge(server.url, token, id, 'NO_ACTION')).body.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    const [stored] = await server.dataSource.query(`SELECT address, risks, withdrawn_at FROM referral WHERE id = $1`, [id]);
    expect(stored).toMatchObject({ address: null, risks: [] });
    const [review] = await server.dataSource.query(`SELECT consent_to_share FROM review WHERE id = $1`, [reviewId]);
    expect(review.consent_to_share).toBe(false);
    const audit: Array<{ entity_type: string; care_recipient_id: string }> = await server.dataSource.query(
      `SELECT entity_type, care_recipient_id FROM audit_event WHERE action = 'update' AND entity_id IN ($1, $2) ORDER BY entity_type`,
      [id, reviewId],
    );
    expect(audit).toEqual([
      { entity_type: 'referral', care_recipient_id: recipientId },
      { entity_type: 'review', care_recipient_id: recipientId },
    ]);

    const again = await server.gql<{ withdrawFireServiceConsent: { withdrawnReferralId: string | null } }>(WITHDRAW, { id: reviewId }, staff);
    expect(again.data?.withdrawFireServiceConsent.withdrawnReferralId).toBeNull();
  });

  it('is refused to staff of another unit, and changes nothing', async () => {
    const recipientId = await newRecipient(server, admin, norrUnit, areaA);
    const reviewId = await submitReview(server, staff, recipientId);
    const before = await server.tableCounts();
    const res = await server.gql(WITHDRAW, { id: reviewId }, await server.tokenFor(DEMO.staffSoder));
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const after = await server.tableCounts();
    expect({ ...after, audit_event: 0 }).toEqual({ ...before, audit_event: 0 });
    const [row] = await server.dataSource.query(`SELECT withdrawn_at FROM referral WHERE review_id = $1`, [reviewId]);
    expect(row.withdrawn_at).toBeNull();
  });
});
