import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAppSchema } from '../schema/build-schema.js';
import { reviewInput, SUBMIT_REVIEWS } from '../../test/support/factories.js';
import { auditRowsOf, type AuditRow } from '../../test/support/audit-rows.js';
import { partnerToken, registerPartner } from '../../test/support/partners.js';
import { referralPage } from '../../test/support/referrals.js';
import { DEMO, startTestServer, type TestServer } from '../../test/support/test-server.js';
import { recipientDataRootFields } from './recipient-data.js';
import { DEMO_LEX_SARAH_ID } from '../seed/demo-deviations.js';

/*
 * Issue 11 §5: every query whose answer can carry a care recipient's data writes an audit entry naming the
 * person. Which queries those are is decided by the rule in recipient-data.ts, from the schema: a query
 * added later that returns such a type fails here until it has a case below, and its case fails until it audits.
 */

type Data = Record<string, unknown>;
interface Case {
  /** Who asks: a demo user, or the fire service's partner client. */
  as: keyof typeof DEMO | 'partner';
  query: string;
  variables?: (world: World) => Record<string, unknown>;
}
interface World {
  recipientId: string;
  reviewId: string;
}

// Each query selects the person's id as `recipientId` (aliased where the type calls it `id`), so one walk finds them.
const CASES: Record<string, Case> = {
  careRecipient: {
    as: 'staff',
    query: `query($id: UUID!) { careRecipient(id: $id) { recipientId: id reference } }`,
    variables: (w) => ({ id: w.recipientId }),
  },
  careRecipients: { as: 'manager', query: `{ careRecipients { recipientId: id reference address } }` },
  reviews: { as: 'coordinator', query: `{ reviews(first: 20) { edges { node { id recipientId recipient { recipientId: id reference } } } } }` },
  review: { as: 'staff', query: `query($id: UUID!) { review(id: $id) { id recipientId } }`, variables: (w) => ({ id: w.reviewId }) },
  followUpActions: { as: 'manager', query: `{ followUpActions { id what recipient { recipientId: id reference } } }` },
  overdueActions: { as: 'manager', query: `{ overdueActions { kind id recipientId } }` },
  careEvents: {
    as: 'manager',
    query: `query($r: UUID) { careEvents(recipientId: $r) { id recipientId description } }`,
    variables: (w) => ({ r: w.recipientId }),
  },
  riskFollowUp: { as: 'manager', query: `query($r: UUID!) { riskFollowUp(recipientId: $r) { recipientId } }`, variables: (w) => ({ r: w.recipientId }) },
  coverageWorkList: { as: 'manager', query: `{ coverageWorkList(period: "2099-01") { recipient { recipientId: id reference } } }` },
  auditEvents: {
    as: 'admin',
    query: `query($r: UUID) { auditEvents(careRecipientId: $r, first: 5) { id recipientId: careRecipientId } }`,
    variables: (w) => ({ r: w.recipientId }),
  },
  deviations: { as: 'manager', query: `{ deviations { id recipientId } }` },
  deviation: { as: 'coordinator', query: `query($id: UUID!) { deviation(id: $id) { id recipientId } }`, variables: () => ({ id: DEMO_LEX_SARAH_ID }) },
  // The partner sees no recipient id, only the referral: its audit rows must still name whose referral it was.
  referrals: { as: 'partner', query: '' },
};

/** Every `recipientId` value anywhere in an answer. */
function recipientIdsIn(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => recipientIdsIn(v, found));
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === 'recipientId' && typeof v === 'string') found.add(v);
      else recipientIdsIn(v, found);
    }
  }
  return found;
}

let server: TestServer;
let world: World;
const tokens = new Map<string, string>();

beforeAll(async () => {
  server = await startTestServer();
  const staff = await server.tokenFor(DEMO.staff);
  const norr = server.seed.recipients.filter((r) => r.unitId === server.seed.unitIds[0]);
  const recipientId = norr[0]?.id as string;
  // A consented review with reportable risks (a referral for the partner) and an event, so every query has something to show.
  const submitted = await server.gql<{ submitReviews: Array<{ review: { id: string } | null }> }>(
    SUBMIT_REVIEWS,
    { input: [reviewInput(recipientId, server.seed.templateVersionId)] },
    staff,
  );
  const reviewId = submitted.data?.submitReviews[0]?.review?.id as string;
  expect(reviewId).toBeDefined();
  const manager = await server.tokenFor(DEMO.manager);
  const event = await server.gql(
    `mutation($input: RecordEventInput!) { recordCareEvent(input: $input) { id } }`,
    { input: { recipientId, kind: 'FALL', occurredOn: '2026-01-10', riskCategory: 'fall', description: 'Föll i hallen' } },
    manager,
  );
  expect(event.errors).toBeUndefined();
  world = { recipientId, reviewId };
});
afterAll(() => server?.close());

async function ask(c: Case, requestId: string): Promise<{ data: Data | null; errors?: unknown }> {
  const token = tokens.get(c.as) ?? (await server.tokenFor(DEMO[c.as as keyof typeof DEMO]));
  tokens.set(c.as, token);
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': requestId, authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: c.query, variables: c.variables?.(world) ?? {} }),
  });
  return (await response.json()) as { data: Data | null; errors?: unknown };
}

describe('queries that carry a care recipient’s data', () => {
  it('are found by the rule, and each has a case here', async () => {
    const fields = recipientDataRootFields(await buildAppSchema(), 'query');
    expect(fields).toEqual(expect.arrayContaining(['careRecipient', 'careRecipients', 'reviews', 'coverageWorkList', 'referrals']));
    expect(fields.filter((f) => !(f in CASES))).toEqual([]);
  });

  it.each(Object.entries(CASES).filter(([name]) => name !== 'referrals'))('%s writes an audit entry for every person it shows', async (_name, c) => {
    const requestId = `recipient-audit-${randomUUID()}`;
    const answer = await ask(c, requestId);
    expect(answer.errors).toBeUndefined();
    const shown = recipientIdsIn(answer.data);
    expect(shown.size).toBeGreaterThan(0);
    const rows: AuditRow[] = await auditRowsOf(server, requestId);
    const audited = new Set(rows.filter((r) => r.action === 'read').map((r) => r.care_recipient_id));
    expect([...shown].filter((id) => !audited.has(id))).toEqual([]);
  });

  it('referrals writes an audit entry naming the person of every referral a partner reads', async () => {
    const admin = await server.tokenFor(DEMO.admin);
    const token = await partnerToken(server.url, await registerPartner(server, admin));
    const before = Number(((await server.dataSource.query(`SELECT max(id) AS id FROM audit_event`)) as Array<{ id: string }>)[0]?.id);
    const { page } = await referralPage(server.url, token, { first: 500 });
    const seen = page?.referrals.map((r) => r.id) ?? [];
    expect(seen.length).toBeGreaterThan(0);
    const rows: Array<{ entity_id: string; care_recipient_id: string | null }> = await server.dataSource.query(
      `SELECT entity_id, care_recipient_id FROM audit_event WHERE id > $1 AND action = 'read' AND entity_type = 'referral'`,
      [before],
    );
    const audited = new Map(rows.map((r) => [r.entity_id, r.care_recipient_id]));
    expect(seen.filter((id) => !audited.get(id))).toEqual([]);
  });
});
