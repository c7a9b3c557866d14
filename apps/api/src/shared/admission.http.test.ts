import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestServer, type TestServer } from '../../test/support/test-server.js';
import { reviewInput, SUBMIT_REVIEWS } from '../../test/support/factories.js';

interface SubmitResult {
  submitReviews: Array<{ clientId: string; outcome: 'CREATED' | 'ALREADY_STORED' | 'REJECTED' }>;
}

let server: TestServer;
let staff: string;
let manager: string;
let norr: string[];

beforeAll(async () => {
  // One write at a time, one waiting for at most 2 s: a handful of concurrent batches is already too many.
  server = await startTestServer({
    recipientCount: 10,
    env: { ADMISSION_WRITE_CONCURRENCY: '1', ADMISSION_WRITE_QUEUE: '1', ADMISSION_WRITE_MAX_WAIT_MS: '2000', ADMISSION_RETRY_AFTER_SECONDS: '3' },
  });
  staff = await server.tokenFor(DEMO.staff);
  manager = await server.tokenFor(DEMO.manager);
  norr = server.seed.recipients.filter((r) => r.unitId === server.seed.unitIds[0]).map((r) => r.id);
});
afterAll(() => server?.close());

const batch = (size: number) => Array.from({ length: size }, (_, i) => reviewInput(norr[i % norr.length] as string, server.seed.templateVersionId));

async function submit(input: ReturnType<typeof batch>) {
  const res = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${staff}` },
    body: JSON.stringify({ query: SUBMIT_REVIEWS, variables: { input } }),
  });
  return {
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    body: (await res.json()) as { data?: SubmitResult; errors?: Array<{ extensions?: { code?: string } }> },
  };
}

async function waitFor(condition: () => boolean) {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
}

const storedCount = async (clientIds: string[]) =>
  Number((await server.dataSource.query(`SELECT count(*) AS n FROM review WHERE client_id = ANY($1::uuid[])`, [clientIds]))[0].n);

const listReviews = () => server.gql<{ reviews: { edges: unknown[] } }>(`{ reviews(first: 50) { edges { node { id status } } } }`, {}, manager);

describe('admission control of writes', () => {
  it('answers 503 with Retry-After and code OVERLOADED while the write lane is full, and a read still answers', async () => {
    // Every place taken (the one running and the one queued), as under 200 phones syncing at once.
    const running = await server.app.lanes.write.enter();
    const queued = server.app.lanes.write.enter();
    try {
      const refusedBatch = batch(5);
      const [refused, read] = await Promise.all([submit(refusedBatch), listReviews()]);
      expect(refused.status).toBe(503);
      expect(refused.retryAfter).toBe('3');
      expect(refused.body.errors?.[0]?.extensions).toEqual({ code: 'OVERLOADED', field: null, retryAfterSeconds: 3 });
      expect(read.status).toBe(200);
      expect(read.errors).toBeUndefined();
      expect(read.data?.reviews.edges.length).toBeGreaterThan(0);
      expect(await storedCount(refusedBatch.map((r) => r.clientId))).toBe(0);
      await (await fetch(`${server.url}/healthz`)).json();
    } finally {
      running?.();
      (await queued)?.();
    }
  });

  it('stores nothing of a refused batch, and a refused batch sent again is stored once', async () => {
    const batches = Array.from({ length: 12 }, () => batch(5));
    const before = await server.tableCounts();
    const answers = await Promise.all(batches.map(submit));
    const statuses = answers.map((a) => a.status);
    expect(statuses).toContain(503);
    expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);

    // What was refused left no row behind; what was accepted is there once.
    const accepted = batches.filter((_, i) => answers[i]?.status === 200);
    const refused = batches.filter((_, i) => answers[i]?.status === 503);
    for (const a of answers) if (a.status === 200) expect(a.body.data?.submitReviews.map((r) => r.outcome)).toEqual(Array(5).fill('CREATED'));
    expect(await storedCount(refused.flat().map((r) => r.clientId))).toBe(0);
    expect(await storedCount(accepted.flat().map((r) => r.clientId))).toBe(accepted.length * 5);

    // As the phone does: the refused batches again, one at a time, after the pause the server asked for.
    for (const input of refused) expect((await submit(input)).body.data?.submitReviews.map((r) => r.outcome)).toEqual(Array(5).fill('CREATED'));
    // And once more, as after a lost answer: already stored, nothing new.
    expect((await submit(accepted[0] ?? [])).body.data?.submitReviews.every((r) => r.outcome === 'ALREADY_STORED')).toBe(true);
    const after = await server.tableCounts();
    expect(after['review']! - before['review']!).toBe(60);
    expect(await storedCount(batches.flat().map((r) => r.clientId))).toBe(60);
    expect(server.app.lanes.write.stats()).toMatchObject({ active: 0, queued: 0 });
  });

  it('frees the place of a write whose client gave up while it waited in the queue', async () => {
    const running = await server.app.lanes.write.enter();
    const abort = new AbortController();
    const gaveUp = fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${staff}` },
      body: JSON.stringify({ query: SUBMIT_REVIEWS, variables: { input: batch(1) } }),
      signal: abort.signal,
    }).catch(() => 'aborted');
    await waitFor(() => server.app.lanes.write.stats().queued === 1);
    abort.abort();
    expect(await gaveUp).toBe('aborted');
    // Its turn comes after the client left: it must take the place and give it back at once.
    await new Promise((resolve) => setTimeout(resolve, 100));
    running?.();
    await waitFor(() => server.app.lanes.write.stats().active === 0);
    const next = await submit(batch(2));
    expect(next.status).toBe(200);
    expect(server.app.lanes.write.stats()).toMatchObject({ active: 0, queued: 0 });
  });

  it('keeps /healthz out of every lane', async () => {
    const running = await server.app.lanes.write.enter();
    try {
      const res = await fetch(`${server.url}/healthz`);
      expect(res.status).toBe(200);
    } finally {
      running?.();
    }
  });
});
