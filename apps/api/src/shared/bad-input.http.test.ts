import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO, startTestServer, type GraphQLResponse, type TestServer } from '../../test/support/test-server.js';
import { answerList, completeAnswers, reviewInput, SUBMIT_REVIEWS } from '../../test/support/factories.js';

// The codes a client can act on; a mistake answered with anything else (or a 500) is our bug.
const CLIENT_CODES = ['BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED'];

const OFFER = `mutation Offer($input: OfferReviewInput!) { offerReview(input: $input) { id status } }`;
const SAVE = `mutation Save($id: UUID!, $answers: [AnswerInput!]!) { saveReviewAnswers(reviewId: $id, answers: $answers) { id } }`;
const COMPLETE = `mutation Complete($id: UUID!, $input: CompleteReviewInput!) { completeReview(reviewId: $id, input: $input) { id } }`;
const REVIEWS = `query Reviews($first: Int!, $after: String, $filter: ReviewFilter) { reviews(first: $first, after: $after, filter: $filter) { edges { cursor } } }`;

let server: TestServer;
let staff: string;
let admin: string;
let norr: string[];
let soder: string[];
let offeredReviewId: string;
let countsBefore: Record<string, number>;

beforeAll(async () => {
  server = await startTestServer();
  [staff, admin] = await Promise.all([server.tokenFor(DEMO.staff), server.tokenFor(DEMO.admin)]);
  const [norrUnit, soderUnit] = server.seed.unitIds;
  norr = server.seed.recipients.filter((r) => r.unitId === norrUnit).map((r) => r.id);
  soder = server.seed.recipients.filter((r) => r.unitId === soderUnit).map((r) => r.id);
  const offered = await server.gql<{ offerReview: { id: string } }>(
    OFFER,
    { input: { clientId: randomUUID(), recipientId: norr[0], templateVersionId: server.seed.templateVersionId } },
    staff,
  );
  offeredReviewId = offered.data?.offerReview.id ?? '';
  expect(offeredReviewId).not.toBe('');
});
afterAll(() => server?.close());

beforeEach(async () => {
  countsBefore = await server.tableCounts();
});
afterEach(async () => {
  expect(await server.tableCounts()).toEqual(countsBefore);
});

/** A refused request as a client sees it: a client code (and field), no stack trace, never a 500. */
function expectRefused(res: GraphQLResponse, code: string, field?: string | null) {
  expect(res.status).toBeLessThan(500);
  expect(JSON.stringify(res)).not.toMatch(/stacktrace/i);
  const errors = res.errors ?? [];
  expect(errors.length).toBeGreaterThan(0);
  for (const error of errors) expect(CLIENT_CODES).toContain(error.extensions?.code);
  expect(errors[0]?.extensions?.code).toBe(code);
  if (field !== undefined) expect(errors[0]?.extensions?.field).toBe(field);
  return errors[0]?.message ?? '';
}

/** A POST with a body of our own making, for what `gql` cannot send. */
async function post(body: string, token = staff): Promise<GraphQLResponse> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body,
  });
  return { status: response.status, ...((await response.json()) as Omit<GraphQLResponse, 'status'>) };
}

const reviewStatus = async (id: string) =>
  ((await server.dataSource.query(`SELECT status FROM review WHERE id = $1`, [id])) as Array<{ status: string }>)[0]?.status;

describe('an id that does not exist', () => {
  it('answers NOT_FOUND for a care recipient', async () => {
    const res = await server.gql(`query($id: UUID!) { careRecipient(id: $id) { id } }`, { id: randomUUID() }, staff);
    expectRefused(res, 'NOT_FOUND', 'id');
  });

  it('answers NOT_FOUND for a review, naming the argument sent', async () => {
    const res = await server.gql(`query($id: UUID!) { review(id: $id) { id } }`, { id: randomUUID() }, staff);
    expectRefused(res, 'NOT_FOUND', 'id');
  });

  it('answers NOT_FOUND for a template version', async () => {
    const res = await server.gql(`query($id: UUID!) { templateVersion(id: $id) { id } }`, { id: randomUUID() }, staff);
    expectRefused(res, 'NOT_FOUND', 'id');
  });
});

describe('a value of the wrong form', () => {
  it('refuses a malformed UUID in a variable as BAD_USER_INPUT on that variable', async () => {
    const res = await server.gql(`query($id: UUID!) { careRecipient(id: $id) { id } }`, { id: 'HT-0001' }, staff);
    expectRefused(res, 'BAD_USER_INPUT', 'id');
  });

  it('refuses a malformed UUID written into the query as a validation error', async () => {
    expectRefused(await server.gql(`{ careRecipient(id: "HT-0001") { id } }`, {}, staff), 'GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses a review whose performedAt is not a date-time, naming the field', async () => {
    const input = reviewInput(norr[1] as string, server.seed.templateVersionId, { performedAt: 'igår eftermiddag' });
    const res = await server.gql(SUBMIT_REVIEWS, { input: [input] }, staff);
    expectRefused(res, 'BAD_USER_INPUT', 'input[0].performedAt');
  });
});

describe('answers that do not fit the template', () => {
  it('refuses a number as the answer to a yes/no question', async () => {
    const res = await server.gql(SAVE, { id: offeredReviewId, answers: [{ itemKey: 'alarm_present', number: 1 }] }, staff);
    expectRefused(res, 'BAD_USER_INPUT', 'answers.alarm_present');
  });

  it('refuses "maybe" as the answer to a yes/no question', async () => {
    const res = await server.gql(SAVE, { id: offeredReviewId, answers: [{ itemKey: 'alarm_present', value: 'maybe' }] }, staff);
    expectRefused(res, 'BAD_USER_INPUT', 'answers.alarm_present');
  });

  it('refuses an answer to a question the template version does not have', async () => {
    const res = await server.gql(SAVE, { id: offeredReviewId, answers: [{ itemKey: 'pool_fence', value: 'yes' }] }, staff);
    expectRefused(res, 'BAD_USER_INPUT', 'answers.pool_fence');
  });

  it('refuses a second answer to the same question', async () => {
    const answers = [
      { itemKey: 'alarm_present', value: 'yes' },
      { itemKey: 'alarm_present', value: 'no' },
    ];
    expectRefused(await server.gql(SAVE, { id: offeredReviewId, answers }, staff), 'BAD_USER_INPUT', 'answers[1].itemKey');
  });

  it('refuses to complete a review with a required question unanswered, and leaves it offered', async () => {
    const answers = answerList(completeAnswers());
    const withoutCall112 = answers.filter((a) => a.itemKey !== 'call_112');
    const res = await server.gql(COMPLETE, { id: offeredReviewId, input: { answers: withoutCall112 } }, staff);
    expectRefused(res, 'BAD_USER_INPUT', 'answers.call_112');
    expect(await reviewStatus(offeredReviewId)).toBe('offered');
  });
});

describe('who is asking', () => {
  it("refuses to offer a review to another unit's care recipient (FORBIDDEN)", async () => {
    const input = { clientId: randomUUID(), recipientId: soder[0], templateVersionId: server.seed.templateVersionId };
    expectRefused(await server.gql(OFFER, { input }, staff), 'FORBIDDEN');
  });

  it('answers UNAUTHENTICATED without a token', async () => {
    expectRefused(await server.gql(`{ me { id } }`), 'UNAUTHENTICATED');
  });
});

describe('the size and shape of a request', () => {
  it('answers a 5 MB body with HTTP 413 and a GraphQL-shaped error', async () => {
    const query = `mutation($n: String!) { createAdministration(name: $n) { id } }`;
    const res = await post(JSON.stringify({ query, variables: { n: 'x'.repeat(5 * 1024 * 1024) } }), admin);
    expect(res.status).toBe(413);
    expectRefused({ ...res, status: 400 }, 'BAD_USER_INPUT', null);
  });

  it('refuses a name of 100 kB as BAD_USER_INPUT', async () => {
    const res = await server.gql(`mutation($n: String!) { createAdministration(name: $n) { id } }`, { n: 'Å'.repeat(100_000) }, admin);
    expectRefused(res, 'BAD_USER_INPUT', 'name');
  });

  it('refuses a query nested deeper than the limit without saying what the limit is', async () => {
    const deep = `{ __type(name: "Review") { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } } }`;
    const message = expectRefused(await server.gql(deep, {}, staff), 'GRAPHQL_VALIDATION_FAILED');
    expect(message).not.toMatch(/\d/);
  });

  it('refuses 50 aliases without saying what the limit is', async () => {
    const aliases = Array.from({ length: 50 }, (_, i) => `me${i}: me { id }`).join(' ');
    const message = expectRefused(await server.gql(`{ ${aliases} }`, {}, staff), 'GRAPHQL_VALIDATION_FAILED');
    expect(message).not.toMatch(/\d/);
  });

  it('refuses a document of too many tokens with a 400, without saying what the limit is', async () => {
    const fields = Array.from({ length: 4000 }, () => 'id').join(' ');
    const res = await server.gql(`{ me { ${fields} } }`, {}, staff);
    expect(res.status).toBe(400);
    expect(expectRefused(res, 'GRAPHQL_VALIDATION_FAILED')).not.toMatch(/\d/);
  });

  it('answers a syntax error with GRAPHQL_PARSE_FAILED and HTTP 400', async () => {
    const res = await server.gql(`{ me { id }`, {}, staff);
    expect(res.status).toBe(400);
    expectRefused(res, 'GRAPHQL_PARSE_FAILED');
  });

  it('answers an unknown field with GRAPHQL_VALIDATION_FAILED', async () => {
    expectRefused(await server.gql(`{ me { id shoeSize } }`, {}, staff), 'GRAPHQL_VALIDATION_FAILED');
  });

  it('answers a body that is not JSON with HTTP 400 and a GraphQL-shaped error', async () => {
    const res = await post('{"query": "{ me { id } }", ');
    expect(res.status).toBe(400);
    expectRefused(res, 'BAD_USER_INPUT', null);
  });
});

describe('paging and filtering the review list', () => {
  it('refuses a page size of 100000 given as a variable, naming first', async () => {
    expectRefused(await server.gql(REVIEWS, { first: 100_000 }, staff), 'BAD_USER_INPUT', 'first');
  });

  it('refuses a page size of 100000 written into the query the same way, naming first', async () => {
    expectRefused(await server.gql(`{ reviews(first: 100000) { edges { cursor } } }`, {}, staff), 'BAD_USER_INPUT', 'first');
  });

  it('refuses a cursor it did not hand out', async () => {
    expectRefused(await server.gql(REVIEWS, { first: 5, after: 'sida-2' }, staff), 'BAD_USER_INPUT', 'after');
  });

  it('refuses the period 2026-13', async () => {
    expectRefused(await server.gql(REVIEWS, { first: 5, filter: { period: '2026-13' } }, staff), 'BAD_USER_INPUT', 'filter.period');
  });
});
