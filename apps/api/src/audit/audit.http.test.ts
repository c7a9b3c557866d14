import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewInput, SUBMIT_REVIEWS } from '../../test/support/factories.js';
import { DEMO, startTestServer, type GraphQLResponse, type TestServer } from '../../test/support/test-server.js';
import { auditRowsOf } from '../../test/support/audit-rows.js';

let server: TestServer;
let staff: string;
let staffId: string;
let norr: string[];

beforeAll(async () => {
  server = await startTestServer();
  staff = await server.tokenFor(DEMO.staff);
  staffId = (await server.gql<{ me: { id: string } }>(`{ me { id } }`, {}, staff)).data?.me.id as string;
  norr = server.seed.recipients.filter((r) => r.unitId === server.seed.unitIds[0]).map((r) => r.id);
  // Enough reviews in Norr that a page of 10 has a next page.
  const batch = norr.slice(0, 11).map((id) => reviewInput(id, server.seed.templateVersionId));
  await server.gql(SUBMIT_REVIEWS, { input: batch }, staff);
});
afterAll(() => server?.close());

/** A GraphQL request with our own request id, as a phone or the PWA sends it. */
async function post<T>(query: string, token: string | undefined, requestId: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': requestId, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { echoedRequestId: response.headers.get('x-request-id'), body: (await response.json()) as Omit<GraphQLResponse<T>, 'status'> };
}

const rowsOf = (requestId: string) => auditRowsOf(server, requestId);
const newRequestId = () => `audit-test-${randomUUID()}`;
const sorted = (values: Array<string | null | undefined>) => [...values].sort();

describe('the audit log', () => {
  it('records one read per care recipient a staff member is shown, under the request id', async () => {
    const requestId = newRequestId();
    const { echoedRequestId, body } = await post<{ careRecipients: Array<{ id: string }> }>(`{ careRecipients { id } }`, staff, requestId);
    const shown = body.data?.careRecipients.map((r) => r.id) ?? [];
    expect(echoedRequestId).toBe(requestId);
    expect(shown.length).toBeGreaterThan(0);

    const rows = await rowsOf(requestId);
    expect(rows).toHaveLength(shown.length);
    expect(sorted(rows.map((r) => r.care_recipient_id))).toEqual(sorted(shown));
    for (const row of rows) {
      expect(row).toMatchObject({ action: 'read', entity_type: 'care_recipient', entity_id: row.care_recipient_id, actor_id: staffId, actor_role: 'staff' });
    }
  });

  it('records one read per review returned by reviews(first: 10), not the extra row fetched to see whether there is a next page', async () => {
    const requestId = newRequestId();
    const { body } = await post<{ reviews: { edges: Array<{ node: { id: string; recipientId: string } }>; pageInfo: { hasNextPage: boolean } } }>(
      `{ reviews(first: 10) { edges { node { id recipientId } } pageInfo { hasNextPage } } }`,
      staff,
      requestId,
    );
    const nodes = body.data?.reviews.edges.map((e) => e.node) ?? [];
    expect(nodes).toHaveLength(10);
    expect(body.data?.reviews.pageInfo.hasNextPage).toBe(true);

    const rows = await rowsOf(requestId);
    expect(rows.every((r) => r.action === 'read' && r.entity_type === 'review' && r.actor_id === staffId)).toBe(true);
    expect(sorted(rows.map((r) => `${r.entity_id} ${r.care_recipient_id}`))).toEqual(sorted(nodes.map((n) => `${n.id} ${n.recipientId}`)));
  });

  it('records a create for each review submitReviews stores, and a refusal for one out of scope', async () => {
    const requestId = newRequestId();
    const soder = server.seed.recipients.find((r) => r.unitId === server.seed.unitIds[1])?.id as string;
    const batch = [norr[11], norr[12], soder].map((id) => reviewInput(id as string, server.seed.templateVersionId));
    const { body } = await post<{ submitReviews: Array<{ outcome: string; review: { id: string; recipientId: string } | null }> }>(
      SUBMIT_REVIEWS,
      staff,
      requestId,
      { input: batch },
    );
    const results = body.data?.submitReviews ?? [];
    expect(results.map((r) => r.outcome)).toEqual(['CREATED', 'CREATED', 'REJECTED']);

    const rows = await rowsOf(requestId);
    const stored = results.flatMap((r) => (r.review ? [`${r.review.id} ${r.review.recipientId}`] : []));
    const creates = rows.filter((r) => r.action === 'create' && r.entity_type === 'review');
    expect(creates.every((r) => r.actor_id === staffId)).toBe(true);
    expect(sorted(creates.map((r) => `${r.entity_id} ${r.care_recipient_id}`))).toEqual(sorted(stored));
    // A consented review with a reportable risk also creates its referral to the fire service, audited as such.
    const referrals = rows.filter((r) => r.entity_type === 'referral');
    expect(referrals.every((r) => r.action === 'create' && r.actor_id === staffId)).toBe(true);
    expect(referrals.map((r) => `${String(r.details?.['reviewId'])} ${r.care_recipient_id}`).every((pair) => stored.includes(pair))).toBe(true);
    const refused = rows.filter((r) => r.action === 'refused');
    expect(refused).toEqual([expect.objectContaining({ entity_type: 'care_recipient', entity_id: soder, care_recipient_id: soder, actor_id: staffId })]);
    expect(rows).toHaveLength(creates.length + referrals.length + refused.length);
  });

  it('records a failed login without an actor', async () => {
    const requestId = newRequestId();
    const { body } = await post(`mutation { login(email: "${DEMO.staff}", password: "wrong-password") { accessToken } }`, undefined, requestId);
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await rowsOf(requestId)).toEqual([expect.objectContaining({ action: 'login_failed', entity_type: 'user', entity_id: staffId, actor_id: null })]);
  });
});

describe('auditEvents', () => {
  const EVENTS = `query($r: UUID) { auditEvents(careRecipientId: $r, first: 1000) { id action careRecipientId requestId actorId } }`;
  type Events = { auditEvents: Array<{ id: string; action: string; careRecipientId: string | null; requestId: string | null; actorId: string | null }> };

  it.each([
    ['anonymous callers', null, 'UNAUTHENTICATED'],
    ['staff', DEMO.staff, 'FORBIDDEN'],
    ['unit managers', DEMO.manager, 'FORBIDDEN'],
    ['quality coordinators', DEMO.coordinator, 'FORBIDDEN'],
  ])('is refused to %s', async (_who, email, code) => {
    const token = email ? await server.tokenFor(email) : undefined;
    const res = await server.gql<Events>(EVENTS, { r: norr[0] }, token);
    expect(res.data).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe(code);
  });

  it("shows an admin who touched one care recipient's data, newest first, and only that recipient", async () => {
    const recipient = norr[0] as string;
    const requestId = newRequestId();
    await post(`query($id: UUID!) { careRecipient(id: $id) { id } }`, staff, requestId, { id: recipient });

    const res = await server.gql<Events>(EVENTS, { r: recipient }, await server.tokenFor(DEMO.admin));
    const events = res.data?.auditEvents ?? [];
    expect(events.length).toBeGreaterThan(1);
    expect(events.every((e) => e.careRecipientId === recipient)).toBe(true);
    expect(events[0]).toMatchObject({ action: 'read', requestId, actorId: staffId });
    const ids = events.map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });
});

describe('the audit table', () => {
  const count = async () => Number(((await server.dataSource.query(`SELECT count(*) AS n FROM audit_event`)) as Array<{ n: string }>)[0]?.n);

  it.each([
    ['updated', `UPDATE audit_event SET action = 'read' WHERE action = 'create'`],
    ['deleted', `DELETE FROM audit_event WHERE action = 'read'`],
    ['truncated', `TRUNCATE audit_event`],
  ])("cannot be %s, even by the application's own database user", async (_what, sql) => {
    const before = await count();
    expect(before).toBeGreaterThan(0);
    await expect(server.dataSource.query(sql)).rejects.toThrow(/append-only/);
    expect(await count()).toBe(before);
  });
});
