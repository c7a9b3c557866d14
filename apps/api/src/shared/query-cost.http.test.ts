import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../app.js';
import { buildAppSchema } from '../schema/build-schema.js';
import { DEMO_PASSWORD } from '../seed/demo-seed.js';
import { reviewInput, SUBMIT_REVIEWS } from '../../test/support/factories.js';
import { DEMO, startTestServer, type GraphQLResponse, type TestServer } from '../../test/support/test-server.js';
import { loadConfig } from './config.js';
import { GRAPHQL_LIMITS } from './graphql-limits.js';
import { createLogger } from './logger.js';
import { listsWithoutSize } from './query-cost.js';

/* Issue 7, defect 3: the cost of an operation counts `first: $n` like `first: 500`, and answers are capped. */

// The staff app's reference sync (apps/pwa/src/sync/operations.ts), the heaviest thing a phone asks for.
const REFERENCE_DATA = `query ReferenceData {
  templates { key latestPublished { id version definition } }
  careRecipients { id reference housingType unitId reviewStatus { period status reviewId performedAt } }
  followUpActions(filter: { mine: true, status: OPEN }) { id reviewId what actor dueDate status }
}`;

// The supervisors' list (review-list.http.test.ts) at its largest page.
const REVIEW_PAGE = `query ReviewPage($first: Int!) { reviews(first: $first) { edges { cursor node { id offeredAt recipientId
  recipient { id reference } unit { id name } risks { itemKey severity suggestedActions { key actor } } actions { id status } } }
  pageInfo { endCursor hasNextPage } } }`;

const definitions = (first: string) =>
  Array.from({ length: 15 }, (_, i) => `a${i}: reviews(first: ${first}) { edges { node { id templateVersion { definition } } } }`).join('\n');
const LITERAL_BOMB = `query LiteralBomb { ${definitions('500')} }`;
const VARIABLE_BOMB = `query VariableBomb($n: Int!) { ${definitions('$n')} }`;
const DEFAULT_BOMB = `query DefaultBomb($n: Int! = 500) { ${definitions('$n')} }`;

let server: TestServer;
let staff: string;
let coordinator: string;

beforeAll(async () => {
  server = await startTestServer();
  [staff, coordinator] = await Promise.all([server.tokenFor(DEMO.staff), server.tokenFor(DEMO.coordinator)]);
  const norr = server.seed.recipients.filter((r) => r.unitId === server.seed.unitIds[0]).map((r) => r.id);
  const batch = Array.from({ length: 500 }, (_, i) => reviewInput(norr[i % norr.length] as string, server.seed.templateVersionId));
  const stored = await server.gql<{ submitReviews: Array<{ outcome: string }> }>(SUBMIT_REVIEWS, { input: batch }, staff);
  expect(stored.data?.submitReviews.filter((r) => r.outcome === 'CREATED')).toHaveLength(500);
});
afterAll(() => server?.close());

function expectTooCostly(res: GraphQLResponse) {
  expect(res.status).toBe(400);
  expect(res.data ?? null).toBeNull();
  expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  expect(res.errors?.[0]?.message).not.toMatch(/\d/);
}

describe('the heaviest legitimate operations', () => {
  it('lets the staff app sync its reference data', async () => {
    const res = await server.gql<{ templates: unknown[] }>(REFERENCE_DATA, {}, staff);
    expect(res.errors).toBeUndefined();
    expect(res.data?.templates.length).toBeGreaterThan(0);
    const { cost } = await server.lastReport('ReferenceData');
    console.info(`cost of the reference sync: ${cost}`);
    expect(cost).toBeLessThan(GRAPHQL_LIMITS.maxCost / 4);
  });

  it('lets a coordinator read a page of 500 reviews with recipient, unit, risks, suggested actions and actions', async () => {
    const res = await server.gql<{ reviews: { edges: unknown[] } }>(REVIEW_PAGE, { first: 500 }, coordinator);
    expect(res.errors).toBeUndefined();
    expect(res.data?.reviews.edges).toHaveLength(500);
    const { cost } = await server.lastReport('ReviewPage');
    console.info(`cost of a 500-review page: ${cost}; answer ${JSON.stringify(res.data).length} bytes`);
    expect(cost).toBeLessThan(GRAPHQL_LIMITS.maxCost / 2);
  });

  it('lets 100 reviews carry their template definitions', async () => {
    const res = await server.gql(`query($n: Int!) { reviews(first: $n) { edges { node { templateVersion { definition } } } } }`, { n: 100 }, coordinator);
    expect(res.errors).toBeUndefined();
  });
});

describe('15 aliases of 500 reviews, each with its template definition', () => {
  it('is refused when first is written into the document', async () => expectTooCostly(await server.gql(LITERAL_BOMB, {}, staff)));
  it('is refused when first is a variable', async () => expectTooCostly(await server.gql(VARIABLE_BOMB, { n: 500 }, staff)));
  it("is refused when first is a variable's default", async () => expectTooCostly(await server.gql(DEFAULT_BOMB, {}, staff)));
  it('is refused for a single alias too, literal or variable', async () => {
    const one = `reviews(first: $n) { edges { node { templateVersion { definition } } } }`;
    expectTooCostly(await server.gql(`query($n: Int!) { ${one} }`, { n: 500 }, staff));
    expectTooCostly(await server.gql(`query { ${one.replace('$n', '500')} }`, {}, staff));
  });
});

describe('the cost model', () => {
  it('gives every list field of the schema a size: a first argument, a batch, or an assumed size', async () => {
    expect(listsWithoutSize(await buildAppSchema())).toEqual([]);
  });

  it('still lets a malformed variable be answered as BAD_USER_INPUT on that variable', async () => {
    const res = await server.gql(`query($n: Int!) { reviews(first: $n) { edges { cursor } } }`, { n: 'viele' }, staff);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'n' });
  });
});

describe('an answer larger than the caps', () => {
  let tight: RunningApp;
  let token: string;
  const ask = async (query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(`${tight.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { text: await response.text(), requestId: response.headers.get('x-request-id') };
  };
  beforeAll(async () => {
    const config = loadConfig({ NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent' });
    tight = await startApp({
      config,
      dataSource: server.dataSource,
      log: createLogger('silent'),
      limits: { maxResponseNodes: 2000, maxResponseBytes: 20_000 },
    });
    // This app signs with its own key: log in to it.
    const login = await ask(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`, { e: DEMO.coordinator, p: DEMO_PASSWORD });
    token = (JSON.parse(login.text) as { data: { login: { accessToken: string } } }).data.login.accessToken;
  });
  afterAll(() => tight?.close());

  it('is replaced by RESPONSE_TOO_LARGE when it has too many nodes', async () => {
    const res = await ask(`{ reviews(first: 500) { edges { node { id recipientId } } } }`);
    expect(JSON.parse(res.text)).toEqual({
      data: null,
      errors: [{ message: expect.any(String), extensions: { code: 'RESPONSE_TOO_LARGE', field: null, requestId: res.requestId } }],
    });
  });

  it('is replaced by RESPONSE_TOO_LARGE when it has too many bytes', async () => {
    const res = await ask(`{ templates { latestPublished { definition } } }`);
    expect(res.text.length).toBeLessThan(1000);
    expect(JSON.parse(res.text)).toMatchObject({ data: null, errors: [{ extensions: { code: 'RESPONSE_TOO_LARGE' } }] });
  });

  it('sends an answer under the caps as it is', async () => {
    expect(JSON.parse((await ask(`{ me { id } }`)).text)).toMatchObject({ data: { me: { id: expect.any(String) } } });
  });
});
