import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestServer, type TestServer } from '../../test/support/test-server.js';
import { reviewInput, SUBMIT_REVIEWS } from '../../test/support/factories.js';

interface Page {
  reviews: {
    edges: Array<{
      cursor: string;
      node: {
        id: string;
        offeredAt: string;
        recipientId: string;
        recipient: { id: string };
        unit: { id: string };
        risks: Array<{ suggestedActions: unknown[] }>;
      };
    }>;
    pageInfo: { endCursor: string | null; hasNextPage: boolean };
  };
}

// The supervisors' list: every review with its recipient, unit, risks with suggested actions, and actions.
const NESTED = `edges { cursor node { id offeredAt recipientId recipient { id reference } unit { id name }
  risks { itemKey severity suggestedActions { key actor } } actions { id status } } } pageInfo { endCursor hasNextPage }`;
const listQuery = (name: string) =>
  `query ${name}($first: Int!, $after: String, $filter: ReviewFilter) { reviews(first: $first, after: $after, filter: $filter) { ${NESTED} } }`;

let server: TestServer;
let staff: string;
let coordinator: string;
let norr: string[];

beforeAll(async () => {
  server = await startTestServer();
  [staff, coordinator] = await Promise.all([server.tokenFor(DEMO.staff), server.tokenFor(DEMO.coordinator)]);
  const norrUnit = server.seed.unitIds[0];
  norr = server.seed.recipients.filter((r) => r.unitId === norrUnit).map((r) => r.id);
});
afterAll(() => server?.close());

const list = async (name: string, variables: Record<string, unknown>, token = coordinator) => {
  const res = await server.gql<Page>(listQuery(name), variables, token);
  expect(res.errors).toBeUndefined();
  return res.data?.reviews as Page['reviews'];
};

/** Newest offered first; ties broken by id, as the cursor does. */
const isNewestFirst = (nodes: Array<{ id: string; offeredAt: string }>) =>
  nodes.every((n, i) => {
    const prev = nodes[i - 1];
    return !prev || prev.offeredAt > n.offeredAt || (prev.offeredAt === n.offeredAt && prev.id > n.id);
  });

describe('the SQL a page of reviews costs', () => {
  // First: the server has not read the template version yet, as after every start.
  it('reads 50 reviews with everything nested in at most 4 statements on a fresh server, one of them the template', async () => {
    const page = await list('ColdPage50', { first: 50 });
    expect(page.edges.length).toBeGreaterThan(20);
    expect(page.edges.some((e) => e.node.risks.some((r) => r.suggestedActions.length > 0))).toBe(true);
    expect((await server.lastReport('ColdPage50')).sqlStatements).toBeLessThanOrEqual(4);
  });

  it('reads 50 reviews with everything nested in at most 3 statements', async () => {
    await list('Page50', { first: 50 });
    expect((await server.lastReport('Page50')).sqlStatements).toBeLessThanOrEqual(3);
  });

  it('reads 500 reviews with everything nested in at most 3 statements', async () => {
    const batch = Array.from({ length: 500 }, (_, i) => reviewInput(norr[i % norr.length] as string, server.seed.templateVersionId));
    const submitted = await server.gql<{ submitReviews: Array<{ outcome: string }> }>(SUBMIT_REVIEWS, { input: batch }, staff);
    expect(submitted.data?.submitReviews.every((r) => r.outcome === 'CREATED')).toBe(true);

    const page = await list('Page500', { first: 500 });
    expect(page.edges).toHaveLength(500);
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect((await server.lastReport('Page500')).sqlStatements).toBeLessThanOrEqual(3);
  });
});

describe('paging through reviews', () => {
  it('gives the next 5 after the cursor of the first 5, without overlap, newest offered first', async () => {
    const first = await list('FirstFive', { first: 5 });
    const next = await list('NextFive', { first: 5, after: first.pageInfo.endCursor });
    expect(first.edges).toHaveLength(5);
    expect(next.edges).toHaveLength(5);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, endCursor: first.edges[4]?.cursor });

    const both = [...first.edges, ...next.edges].map((e) => e.node);
    expect(new Set(both.map((n) => n.id)).size).toBe(10);
    expect(isNewestFirst(both)).toBe(true);
    const ten = await list('FirstTen', { first: 10 });
    expect(ten.edges.map((e) => e.node.id)).toEqual(both.map((n) => n.id));
  });

  it('says there is no next page at the end of the list', async () => {
    const recipientId = norr[0] as string;
    const all = await list('AllOfOne', { first: 500, filter: { recipientId } });
    const last = await list('AfterLast', { first: 5, after: all.pageInfo.endCursor, filter: { recipientId } });
    expect(all.pageInfo.hasNextPage).toBe(false);
    expect(last).toEqual({ edges: [], pageInfo: { endCursor: null, hasNextPage: false } });
  });
});

describe('filtering reviews', () => {
  it("gives only one recipient's reviews, all of them, when filtered by recipient", async () => {
    const recipientId = norr[1] as string;
    const page = await list('ByRecipient', { first: 500, filter: { recipientId } });
    const [{ count }] = (await server.dataSource.query(`SELECT count(*)::int AS count FROM review WHERE recipient_id = $1`, [recipientId])) as [
      { count: number },
    ];
    expect(count).toBeGreaterThan(1);
    expect(page.edges).toHaveLength(count);
    expect(page.edges.every((e) => e.node.recipientId === recipientId && e.node.recipient.id === recipientId)).toBe(true);
  });

  it('gives the reviews offered in a period, and only those', async () => {
    const offer = `mutation($input: OfferReviewInput!) { offerReview(input: $input) { id } }`;
    const offeredAt = (at: string) => ({ clientId: randomUUID(), recipientId: norr[2], templateVersionId: server.seed.templateVersionId, offeredAt: at });
    const inFebruary = await server.gql<{ offerReview: { id: string } }>(offer, { input: offeredAt('2024-02-10T12:00:00Z') }, staff);
    await server.gql(offer, { input: offeredAt('2024-03-01T12:00:00Z') }, staff);

    const february = await list('February', { first: 50, filter: { period: '2024-02' } });
    expect(february.edges.map((e) => e.node.id)).toEqual([inFebruary.data?.offerReview.id]);
    const quarter = await list('FirstQuarter', { first: 50, filter: { period: '2024-Q1' } });
    expect(quarter.edges.map((e) => e.node.offeredAt)).toEqual(['2024-03-01T12:00:00.000Z', '2024-02-10T12:00:00.000Z']);
    expect(await list('Year2023', { first: 50, filter: { period: '2023' } })).toMatchObject({ edges: [] });
  });

  it("shows staff only their own unit's reviews", async () => {
    const page = await list('StaffPage', { first: 500 }, staff);
    expect(page.edges.length).toBeGreaterThan(0);
    expect(new Set(page.edges.map((e) => e.node.unit.id))).toEqual(new Set([server.seed.unitIds[0]]));
  });
});
