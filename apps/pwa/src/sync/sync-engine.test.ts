import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type OutboxCloseAction, type OutboxItem, type OutboxReview, type StoredUser } from '../data/db.js';
import { allOutboxItems, attentionOf, backoffMs, decide, MAX_BACKOFF_MS, enqueue, moveToAttention, outboxOf, releaseNow, withdraw } from '../data/outbox.js';
import { reviewsOnPhone } from '../data/synced.js';
import { declinedReviewItem } from '../features/review/review-payload.js';
import type {
  CloseActionMutation,
  CloseActionMutationVariables,
  CloseFollowUpActionInput,
  DiscardResultInput,
  DiscardResultMutation,
  DiscardResultMutationVariables,
  HandOverReviewMutation,
  HandOverReviewMutationVariables,
  ReviewInput,
  SubmitReviewsMutation,
  SubmitReviewsMutationVariables,
  TypedDocumentString,
} from '../gql/graphql.js';
import { GraphQLRequestError, graphqlRequest, type RequestFailure } from './graphql-client.js';
import { CloseActionDocument, DiscardResultDocument, HandOverReviewDocument, SubmitReviewsDocument } from './operations.js';
import { signInOnPhone, wipePhone } from '../data/signed-in-phone.fixture.js';
import { BATCH_SIZE, flushOutbox, syncStore, type SyncDeps } from './sync-engine.js';

const NOW = Date.parse('2025-03-10T09:00:00.000Z');
const ANNA: StoredUser = { id: 'user-anna', displayName: 'Anna Andersson', role: 'staff', unitId: 'unit-1', email: 'anna@example.se' };
const BERTIL: StoredUser = { id: 'user-bertil', displayName: 'Bertil Berg', role: 'staff', unitId: 'unit-1', email: 'bertil@example.se' };

type SubmitResult = SubmitReviewsMutation['submitReviews'][number];
type Call =
  | { operation: 'submitReviews'; token: string | null; input: ReviewInput[] }
  | { operation: 'closeFollowUpAction'; token: string | null; id: string; input: CloseFollowUpActionInput }
  | { operation: 'handOverReview'; token: string | null; input: ReviewInput; reason: string }
  | { operation: 'discardResult'; token: string | null; input: DiscardResultInput };

interface Handlers {
  submitReviews?: (input: ReviewInput[], token: string | null) => Promise<SubmitResult[]>;
  closeAction?: (id: string, input: CloseFollowUpActionInput) => Promise<CloseActionMutation['closeFollowUpAction']>;
  handOver?: (input: ReviewInput, reason: string) => Promise<HandOverReviewMutation['handOverReview']>;
  discard?: (input: DiscardResultInput) => Promise<DiscardResultMutation['discardResult']>;
}

const refusal = (failure: RequestFailure) => new GraphQLRequestError(failure);
const offline = () => refusal({ kind: 'offline', message: 'Failed to fetch' });

/** The failure the real client makes of an HTTP answer, so these tests use its classification. */
async function httpFailure(status: number, body: unknown, headers: Record<string, string> = {}): Promise<never> {
  const fetchImpl = (async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } })) as typeof fetch;
  await graphqlRequest(SubmitReviewsDocument, { input: [] }, 'token', { fetchImpl });
  throw new Error(`HTTP ${status} did not fail`);
}
const internalError = (requestId: string) => ({
  data: null,
  errors: [{ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } }],
});

/** The server's review store, keyed by the phone's clientId as the real one is: a repeat is ALREADY_STORED. */
function fakeServer() {
  const reviews = new Map<string, ReviewInput>();
  const inserts: string[] = [];
  const submit = async (input: ReviewInput[]): Promise<SubmitResult[]> =>
    input.map((review, index) => {
      const outcome = reviews.has(review.clientId) ? 'ALREADY_STORED' : 'CREATED';
      if (outcome === 'CREATED') {
        reviews.set(review.clientId, review);
        inserts.push(review.clientId);
      }
      return { clientId: review.clientId, index, outcome, review: { id: `review-${review.clientId}`, status: review.status }, error: null };
    });
  return { reviews, inserts, submit };
}

/** The network edge: records every request the phone makes and answers with the given handlers. */
function fakeNetwork(handlers: Handlers) {
  const calls: Call[] = [];
  const request = async <TResult, TVariables>(
    document: TypedDocumentString<TResult, TVariables>,
    variables: TVariables,
    token: string | null,
  ): Promise<TResult> => {
    if (document.toString() === SubmitReviewsDocument.toString()) {
      const { input } = variables as unknown as SubmitReviewsMutationVariables;
      const list = Array.isArray(input) ? input : [input];
      calls.push({ operation: 'submitReviews', token, input: list });
      if (!handlers.submitReviews) throw new Error('unexpected submitReviews');
      const answer: SubmitReviewsMutation = { submitReviews: await handlers.submitReviews(list, token) };
      return answer as unknown as TResult;
    }
    if (document.toString() === CloseActionDocument.toString()) {
      const { id, input } = variables as unknown as CloseActionMutationVariables;
      calls.push({ operation: 'closeFollowUpAction', token, id, input });
      if (!handlers.closeAction) throw new Error('unexpected closeFollowUpAction');
      const answer: CloseActionMutation = { closeFollowUpAction: await handlers.closeAction(id, input) };
      return answer as unknown as TResult;
    }
    if (document.toString() === HandOverReviewDocument.toString()) {
      const { input, reason } = variables as unknown as HandOverReviewMutationVariables;
      calls.push({ operation: 'handOverReview', token, input, reason });
      if (!handlers.handOver) throw new Error('unexpected handOverReview');
      const answer: HandOverReviewMutation = { handOverReview: await handlers.handOver(input, reason) };
      return answer as unknown as TResult;
    }
    if (document.toString() === DiscardResultDocument.toString()) {
      const { input } = variables as unknown as DiscardResultMutationVariables;
      calls.push({ operation: 'discardResult', token, input });
      if (!handlers.discard) throw new Error('unexpected discardResult');
      const answer: DiscardResultMutation = { discardResult: await handlers.discard(input) };
      return answer as unknown as TResult;
    }
    throw new Error(`unexpected document ${document.toString()}`);
  };
  const sentClientIds = () => calls.flatMap((c) => (c.operation === 'submitReviews' ? [c.input.map((r) => r.clientId)] : []));
  return { calls, request, sentClientIds };
}

/** Access tokens as the session hands them out: a forced refresh gives a new one. */
function fakeTokens() {
  let current = 'token-1';
  const refreshes: string[] = [];
  const token = async (forceRefresh = false): Promise<string> => {
    if (forceRefresh) {
      current = `token-${refreshes.length + 2}`;
      refreshes.push(current);
    }
    return current;
  };
  return { token, refreshes };
}

function deps(network: ReturnType<typeof fakeNetwork>, options: { now?: number; tokens?: ReturnType<typeof fakeTokens>; online?: boolean } = {}): SyncDeps {
  return { request: network.request, token: (options.tokens ?? fakeTokens()).token, now: () => options.now ?? NOW, online: () => options.online ?? true };
}

let sequence = 0;

/** A declined review, queued `minutesAgo` before NOW: the smallest real outbox item. */
function queuedReview(options: { user?: StoredUser; minutesAgo?: number; recipientId?: string; nextAttemptAt?: string } = {}): OutboxReview {
  sequence += 1;
  const clientId = `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`;
  const createdAt = new Date(NOW - (options.minutesAgo ?? 60) * 60_000).toISOString();
  const item = declinedReviewItem(
    {
      clientId,
      userId: (options.user ?? ANNA).id,
      recipientId: options.recipientId ?? `recipient-${sequence}`,
      recipientReference: `Brukare ${sequence}`,
      templateVersionId: 'template-v1',
      reason: 'not_now',
      deviceId: 'device-1',
      offeredAt: createdAt,
    },
    createdAt,
  );
  return options.nextAttemptAt ? { ...item, nextAttemptAt: options.nextAttemptAt } : item;
}

function queuedClosing(outcome: OutboxCloseAction['payload']['outcome'] = 'done'): OutboxCloseAction {
  sequence += 1;
  const createdAt = new Date(NOW - 30 * 60_000).toISOString();
  return {
    id: `close-${sequence}`,
    kind: 'close_action',
    userId: ANNA.id,
    recipientReference: `Brukare ${sequence}`,
    payload: { actionId: `action-${sequence}`, outcome, note: 'Spisvakt monterad' },
    createdAt,
    attempts: 0,
    nextAttemptAt: createdAt,
    lastError: null,
  };
}

async function queue(...items: OutboxItem[]): Promise<void> {
  for (const item of items) await enqueue(item);
}

const idsOf = (items: OutboxItem[]) => items.map((i) => i.id);

beforeEach(async () => {
  syncStore.set({ waiting: 0, attention: 0, oldestWaitingAt: null, lastSyncedAt: null, referenceUpdatedAt: null, problem: null, syncing: false, online: true });
  await signInOnPhone(ANNA, NOW);
});

afterEach(wipePhone);

describe('sending the outbox', () => {
  it('sends 250 queued results oldest first in batches of 100, 100 and 50', async () => {
    // Queued newest first, so neither the order of queueing nor the ids give the oldest-first order.
    const newestFirst = Array.from({ length: 250 }, (_, i) => queuedReview({ minutesAgo: i + 1 }));
    await queue(...newestFirst);
    const items = [...newestFirst].reverse();
    const server = fakeServer();
    const network = fakeNetwork({ submitReviews: server.submit });

    await flushOutbox(deps(network));

    expect(BATCH_SIZE).toBe(100);
    expect(network.sentClientIds().map((batch) => batch.length)).toEqual([100, 100, 50]);
    expect(network.sentClientIds().flat()).toEqual(idsOf(items));
    expect(await outboxOf(ANNA.id)).toEqual([]);
    expect(syncStore.get()).toMatchObject({ waiting: 0, problem: null, syncing: false, lastSyncedAt: new Date(NOW).toISOString() });
  });

  it('keeps a result in the outbox until the server has answered for it', async () => {
    const [created, alreadyStored, unanswered] = [queuedReview({ minutesAgo: 3 }), queuedReview({ minutesAgo: 2 }), queuedReview({ minutesAgo: 1 })];
    await queue(created, alreadyStored, unanswered);
    let outboxDuringRequest: string[] = [];
    const network = fakeNetwork({
      submitReviews: async (input) => {
        outboxDuringRequest = idsOf(await outboxOf(ANNA.id));
        const [first, second] = input.map((r, index) => ({ clientId: r.clientId, index, review: null, error: null }));
        return [
          { ...first!, outcome: 'CREATED' },
          { ...second!, outcome: 'ALREADY_STORED' },
        ];
      },
    });

    await flushOutbox(deps(network));

    expect(outboxDuringRequest).toEqual(idsOf([created, alreadyStored, unanswered]));
    expect(idsOf(await outboxOf(ANNA.id))).toEqual([unanswered.id]);
    expect(syncStore.get().waiting).toBe(1);
  });

  it('remembers what the server acknowledged, with the status it stored, in the same step as it leaves the outbox', async () => {
    const [created, alreadyStored] = [queuedReview({ minutesAgo: 2 }), queuedReview({ minutesAgo: 1 })];
    await queue(created, alreadyStored);
    const network = fakeNetwork({
      submitReviews: async (input) =>
        input.map((r, index) => ({
          clientId: r.clientId,
          index,
          outcome: index === 0 ? 'CREATED' : 'ALREADY_STORED',
          review: { id: `review-${index}`, status: index === 0 ? 'DECLINED' : 'COMPLETED' },
          error: null,
        })),
    });

    await flushOutbox(deps(network));

    const onPhone = await reviewsOnPhone(BERTIL.id);
    expect(onPhone.map((r) => [r.clientId, r.recipientId, r.stage, r.status, r.syncedAt, r.mine])).toEqual([
      [created.id, created.payload.recipientId, 'synced', 'declined', new Date(NOW).toISOString(), false],
      [alreadyStored.id, alreadyStored.payload.recipientId, 'synced', 'completed', new Date(NOW).toISOString(), false],
    ]);
    expect(onPhone[0]).toMatchObject({ offeredAt: created.payload.offeredAt, performedAt: created.payload.performedAt, period: '2025' });
    expect(await outboxOf(ANNA.id)).toEqual([]);
  });

  it('moves a refused result to "needs attention" with the server\'s reason and never drops it', async () => {
    const accepted = queuedReview({ minutesAgo: 2 });
    const moved = queuedReview({ minutesAgo: 1, recipientId: 'recipient-moved' });
    await queue(accepted, moved);
    const server = fakeServer();
    const network = fakeNetwork({
      submitReviews: async (input) => {
        const results = await server.submit(input.filter((r) => r.recipientId !== 'recipient-moved'));
        const refused: SubmitResult = {
          clientId: moved.id,
          index: 1,
          outcome: 'REJECTED',
          review: null,
          error: { code: 'FORBIDDEN', reason: 'RECIPIENT_OTHER_UNIT', field: 'recipientId', message: 'The care recipient is not in your unit' },
        };
        return input.some((r) => r.clientId === moved.id) ? [...results, refused] : results;
      },
    });

    await flushOutbox(deps(network));
    await flushOutbox(deps(network, { now: NOW + 86_400_000 }));

    const attention = await attentionOf(ANNA.id);
    expect(attention).toHaveLength(1);
    expect(attention[0]).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'RECIPIENT_OTHER_UNIT',
      field: 'recipientId',
      message: 'The care recipient is not in your unit',
      item: moved,
    });
    expect(await outboxOf(ANNA.id)).toEqual([]);
    expect(network.calls).toHaveLength(1);
    expect(syncStore.get()).toMatchObject({ waiting: 0, attention: 1 });
  });

  it('leaves everything in place without a backoff penalty when the phone is offline', async () => {
    const items = [queuedReview({ minutesAgo: 2 }), queuedReview({ minutesAgo: 1 })];
    await queue(...items);
    const network = fakeNetwork({ submitReviews: () => Promise.reject(offline()) });

    await flushOutbox(deps(network, { online: false }));
    expect(await outboxOf(ANNA.id)).toEqual(items);
    expect(syncStore.get()).toMatchObject({ waiting: 2, problem: 'offline', syncing: false });

    await flushOutbox(deps(network, { now: NOW + 1_000, online: false }));
    expect(network.calls).toHaveLength(2);
  });

  it('tells a request that got no answer while the phone has a network from having none, and keeps everything for the next try', async () => {
    const items = [queuedReview({ minutesAgo: 2 }), queuedReview({ minutesAgo: 1 })];
    await queue(...items);
    const network = fakeNetwork({ submitReviews: () => Promise.reject(offline()) });

    await flushOutbox(deps(network, { online: true }));

    expect(await outboxOf(ANNA.id)).toEqual(items);
    expect(syncStore.get()).toMatchObject({ waiting: 2, problem: 'unreachable', syncing: false });
  });

  it('records a failed attempt and waits with backoff when the server fails', async () => {
    const item = queuedReview();
    await queue(item);
    let serverUp = false;
    const server = fakeServer();
    const network = fakeNetwork({
      submitReviews: (input) =>
        serverUp ? server.submit(input) : Promise.reject(refusal({ kind: 'unavailable', status: 503, message: 'Service Unavailable' })),
    });

    await flushOutbox(deps(network));
    const [failed] = await outboxOf(ANNA.id);
    expect(failed).toMatchObject({ attempts: 1, lastError: 'Service Unavailable' });
    const waitMs = Date.parse(failed!.nextAttemptAt) - NOW;
    expect(waitMs).toBeGreaterThanOrEqual(3_750);
    expect(waitMs).toBeLessThanOrEqual(6_250);
    expect(syncStore.get()).toMatchObject({ waiting: 1, problem: 'server' });

    serverUp = true;
    await flushOutbox(deps(network, { now: NOW + 1_000 }));
    expect(network.calls).toHaveLength(1);

    await flushOutbox(deps(network, { now: NOW + 10_000 }));
    expect(network.calls).toHaveLength(2);
    expect(await outboxOf(ANNA.id)).toEqual([]);
  });

  it('waits at least as long as a 503 from a busy server asks in Retry-After, and at most half as long again', async () => {
    const item = queuedReview();
    await queue(item);
    let busy = true;
    const server = fakeServer();
    const network = fakeNetwork({
      submitReviews: (input) =>
        busy ? Promise.reject(refusal({ kind: 'unavailable', status: 503, message: 'The server is busy', retryAfterMs: 120_000 })) : server.submit(input),
    });

    await flushOutbox(deps(network));
    const [waiting] = await outboxOf(ANNA.id);
    const wait = Date.parse(waiting!.nextAttemptAt) - NOW;
    expect(wait).toBeGreaterThanOrEqual(120_000);
    expect(wait).toBeLessThanOrEqual(180_000);

    busy = false;
    // The first backoff (5 s) has passed, but not the server's 2 minutes: nothing is sent.
    await flushOutbox(deps(network, { now: NOW + 60_000 }));
    expect(network.calls).toHaveLength(1);

    await flushOutbox(deps(network, { now: NOW + 180_000 }));
    expect(network.calls).toHaveLength(2);
    expect(await outboxOf(ANNA.id)).toEqual([]);
  });

  it('comes back when a busy server asks, not after the capped backoff of a result that failed through a long outage', async () => {
    // Six failed tries already: the backoff is at its cap (15–25 s with jitter), twice of which broke the
    // soak's 30 s stall limit while 50 phones drained their backlogs into a busy server.
    await queue({ ...queuedReview(), attempts: 6 });
    let refusals = 1;
    const server = fakeServer();
    const network = fakeNetwork({
      submitReviews: (input) =>
        refusals-- > 0
          ? Promise.reject(refusal({ kind: 'unavailable', status: 503, message: 'The server is busy', retryAfterMs: 2_000 }))
          : server.submit(input),
    });

    await flushOutbox(deps(network));
    const [waiting] = await outboxOf(ANNA.id);
    expect(waiting).toMatchObject({ attempts: 7, lastError: 'The server is busy' });
    const wait = Date.parse(waiting!.nextAttemptAt) - NOW;
    expect(wait).toBeGreaterThanOrEqual(2_000);
    expect(wait).toBeLessThanOrEqual(3_000);

    await flushOutbox(deps(network, { now: NOW + 3_000 }));
    expect(network.calls).toHaveLength(2);
    expect(await outboxOf(ANNA.id)).toEqual([]);
  });

  it('waits out the backoff when a 503 says nothing of when to come back (a proxy, not the API)', async () => {
    await queue({ ...queuedReview(), attempts: 6 });
    const network = fakeNetwork({ submitReviews: () => Promise.reject(refusal({ kind: 'unavailable', status: 503, message: 'Service Unavailable' })) });

    await flushOutbox(deps(network));
    const [waiting] = await outboxOf(ANNA.id);
    const wait = Date.parse(waiting!.nextAttemptAt) - NOW;
    expect(wait).toBeGreaterThanOrEqual(MAX_BACKOFF_MS * 0.75);
    expect(wait).toBeLessThanOrEqual(MAX_BACKOFF_MS * 1.25);
  });

  it('keeps naming the server problem while it waits out the backoff', async () => {
    await queue(queuedReview());
    const network = fakeNetwork({ submitReviews: () => Promise.reject(refusal({ kind: 'unavailable', status: 502, message: 'Bad Gateway' })) });

    await flushOutbox(deps(network));
    await flushOutbox(deps(network, { now: NOW + 1_000 }));

    expect(network.calls).toHaveLength(1);
    expect(syncStore.get()).toMatchObject({ waiting: 1, problem: 'server' });
  });

  it('clears the problem once nothing is left to send', async () => {
    syncStore.set((s) => ({ ...s, problem: 'offline' }));
    const network = fakeNetwork({});

    await flushOutbox(deps(network));

    expect(network.calls).toEqual([]);
    expect(syncStore.get()).toMatchObject({ waiting: 0, problem: null });
  });

  it('does not send a result whose next attempt is not yet due', async () => {
    const due = queuedReview({ minutesAgo: 2 });
    const later = queuedReview({ minutesAgo: 1, nextAttemptAt: new Date(NOW + 60_000).toISOString() });
    await queue(due, later);
    const network = fakeNetwork({ submitReviews: fakeServer().submit });

    await flushOutbox(deps(network));

    expect(network.sentClientIds()).toEqual([[due.id]]);
    expect(await outboxOf(ANNA.id)).toEqual([later]);
  });
});

describe('the backoff between attempts', () => {
  const middle = () => 0.5;

  it('doubles from 5 seconds with each attempt', () => {
    expect([1, 2, 3].map((attempts) => backoffMs(attempts, middle))).toEqual([5_000, 10_000, 20_000]);
  });

  it('never waits longer than 20 seconds (25 with jitter), so a phone sends within 30 s of the server returning', () => {
    expect(backoffMs(4, middle)).toBe(20_000);
    expect(backoffMs(50, middle)).toBe(20_000);
    expect(backoffMs(50, () => 0.999_999)).toBeLessThan(30_000);
  });

  it('spreads retries within 25 % either side, so phones do not all return at once', () => {
    expect(backoffMs(3, () => 0)).toBe(15_000);
    expect(backoffMs(3, () => 0.999_999)).toBeLessThanOrEqual(25_000);
    expect(backoffMs(3, () => 0.999_999)).toBeGreaterThan(24_990);
  });
});

describe('the session while syncing', () => {
  it('refreshes an expired token exactly once and sends again', async () => {
    await queue(queuedReview());
    const tokens = fakeTokens();
    const network = fakeNetwork({
      submitReviews: (input, token) =>
        token === 'token-1' ? Promise.reject(refusal({ kind: 'unauthenticated', message: 'Token expired' })) : fakeServer().submit(input),
    });

    await flushOutbox(deps(network, { tokens }));

    expect(tokens.refreshes).toEqual(['token-2']);
    expect(network.calls.map((c) => c.token)).toEqual(['token-1', 'token-2']);
    expect(await outboxOf(ANNA.id)).toEqual([]);
  });

  it('asks for a new login, keeping the work, when the refreshed token is refused too', async () => {
    const item = queuedReview();
    await queue(item);
    const tokens = fakeTokens();
    const network = fakeNetwork({ submitReviews: () => Promise.reject(refusal({ kind: 'unauthenticated', message: 'Session ended' })) });

    await flushOutbox(deps(network, { tokens }));

    expect(tokens.refreshes).toHaveLength(1);
    expect(network.calls).toHaveLength(2);
    expect(await outboxOf(ANNA.id)).toEqual([item]);
    expect(syncStore.get()).toMatchObject({ waiting: 1, problem: 'login_required' });
  });

  it("never sends another user's work with this user's session", async () => {
    const annas = queuedReview({ minutesAgo: 2 });
    const bertils = queuedReview({ user: BERTIL, minutesAgo: 3 });
    await queue(annas, bertils);
    const network = fakeNetwork({ submitReviews: fakeServer().submit });

    await flushOutbox(deps(network));

    expect(network.sentClientIds()).toEqual([[annas.id]]);
    expect(await allOutboxItems()).toEqual([bertils]);
    expect(syncStore.get().waiting).toBe(0);
  });
});

describe('idempotency', () => {
  it('splits a batch that is refused as a whole, so only the bad result needs attention', async () => {
    const items = [queuedReview({ minutesAgo: 3 }), queuedReview({ minutesAgo: 2, recipientId: 'kaffe' }), queuedReview({ minutesAgo: 1 })];
    await queue(...items);
    const server = fakeServer();
    const invalid = refusal({ kind: 'refused', code: 'BAD_USER_INPUT', field: null, message: 'Variable "$input" got invalid value "kaffe"; Expected UUID.' });
    const network = fakeNetwork({ submitReviews: (input) => (input.some((r) => r.recipientId === 'kaffe') ? Promise.reject(invalid) : server.submit(input)) });

    await flushOutbox(deps(network));

    expect(network.sentClientIds().map((batch) => batch.length)).toEqual([3, 2, 1, 1, 1]);
    expect([...server.inserts].sort()).toEqual([items[0]!.id, items[2]!.id].sort());
    expect(await outboxOf(ANNA.id)).toEqual([]);
    const attention = await attentionOf(ANNA.id);
    expect(attention.map((a) => [a.id, a.code, a.message])).toEqual([[items[1]!.id, 'BAD_USER_INPUT', invalid.message]]);
  });

  it('stores each result once when the answer to the first sending was lost', async () => {
    const items = [queuedReview({ minutesAgo: 3 }), queuedReview({ minutesAgo: 2 }), queuedReview({ minutesAgo: 1 })];
    await queue(...items);
    const server = fakeServer();
    let answerLost = true;
    const network = fakeNetwork({
      submitReviews: async (input) => {
        const results = await server.submit(input);
        if (answerLost) {
          answerLost = false;
          throw offline();
        }
        return results;
      },
    });

    await flushOutbox(deps(network));
    expect(await outboxOf(ANNA.id)).toEqual(items);

    await flushOutbox(deps(network, { now: NOW + 1_000 }));

    expect(network.sentClientIds()).toEqual([idsOf(items), idsOf(items)]);
    expect(server.inserts).toEqual(idsOf(items));
    expect([...server.reviews.keys()]).toEqual(idsOf(items));
    expect(await outboxOf(ANNA.id)).toEqual([]);
    expect(await attentionOf(ANNA.id)).toEqual([]);
  });

  it('shares one run between calls made while a flush is under way', async () => {
    await queue(queuedReview(), queuedReview());
    const server = fakeServer();
    let answer: () => void = () => undefined;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const network = fakeNetwork({
      submitReviews: async (input) => {
        await answered;
        return server.submit(input);
      },
    });
    const syncDeps = deps(network);

    const first = flushOutbox(syncDeps);
    const second = flushOutbox(syncDeps);
    await new Promise((resolve) => setTimeout(resolve, 20));
    answer();
    await Promise.all([first, second]);

    expect(second).toBe(first);
    expect(network.calls).toHaveLength(1);
  });
});

describe('closing follow-up actions', () => {
  const closed = (id: string): CloseActionMutation['closeFollowUpAction'] => ({ id, status: 'DONE', closedAt: new Date(NOW).toISOString() });

  it('sends the closing and removes it once the server has closed the action', async () => {
    const closing = queuedClosing('done');
    await queue(closing);
    const network = fakeNetwork({ closeAction: async (id) => closed(id) });

    await flushOutbox(deps(network));

    expect(network.calls).toEqual([
      { operation: 'closeFollowUpAction', token: 'token-1', id: closing.payload.actionId, input: { outcome: 'DONE', note: 'Spisvakt monterad' } },
    ]);
    expect(await outboxOf(ANNA.id)).toEqual([]);
  });

  it('counts an action that is already closed as done', async () => {
    await queue(queuedClosing());
    const network = fakeNetwork({
      closeAction: () => Promise.reject(refusal({ kind: 'refused', code: 'CONFLICT', field: null, message: 'The action is already closed' })),
    });

    await flushOutbox(deps(network));

    expect(await outboxOf(ANNA.id)).toEqual([]);
    expect(await attentionOf(ANNA.id)).toEqual([]);
  });

  it('holds back a closing that can still be undone, and sends it once released', async () => {
    const closing = { ...queuedClosing('done'), nextAttemptAt: new Date(NOW + 60_000).toISOString() };
    await queue(closing);
    const network = fakeNetwork({ closeAction: async (id) => closed(id) });

    await flushOutbox(deps(network));
    expect(network.calls).toEqual([]);
    expect(idsOf(await outboxOf(ANNA.id))).toEqual([closing.id]);

    await releaseNow(closing.id, NOW);
    await flushOutbox(deps(network));
    expect(network.calls.map((c) => c.operation)).toEqual(['closeFollowUpAction']);
    expect(await outboxOf(ANNA.id)).toEqual([]);
  });

  it('never sends a closing that was undone', async () => {
    const closing = { ...queuedClosing('not_needed'), nextAttemptAt: new Date(NOW + 60_000).toISOString() };
    const other = queuedClosing('done');
    await queue(closing, other);

    expect(await withdraw(closing.id)).toBe(true);
    expect(await withdraw(closing.id)).toBe(false);
    await releaseNow(closing.id, NOW);
    const network = fakeNetwork({ closeAction: async (id) => closed(id) });
    await flushOutbox(deps(network));

    expect(network.calls).toEqual([expect.objectContaining({ operation: 'closeFollowUpAction', id: other.payload.actionId })]);
    expect(await allOutboxItems()).toEqual([]);
  });

  it('keeps a refused closing under "needs attention" with the reason', async () => {
    const closing = queuedClosing();
    await queue(closing);
    const network = fakeNetwork({
      closeAction: () => Promise.reject(refusal({ kind: 'refused', code: 'FORBIDDEN', field: null, message: 'Not your action' })),
    });

    await flushOutbox(deps(network));

    expect(await outboxOf(ANNA.id)).toEqual([]);
    expect(await attentionOf(ANNA.id)).toEqual([expect.objectContaining({ id: closing.id, code: 'FORBIDDEN', message: 'Not your action', item: closing })]);
  });
});

describe('a result the server fails on (a poison batch)', () => {
  const hundredWithPoisonAt = (position: number) => {
    const items = Array.from({ length: 100 }, (_, i) => queuedReview({ minutesAgo: 200 - i }));
    return { items, poison: items[position]! };
  };

  it('splits a batch the server fails on, stores the 99 good results and files the bad one under "needs attention"', async () => {
    const { items, poison } = hundredWithPoisonAt(37);
    await queue(...items);
    const server = fakeServer();
    let failures = 0;
    const network = fakeNetwork({
      submitReviews: (input) => (input.some((r) => r.clientId === poison.id) ? httpFailure(500, internalError(`req-${++failures}`)) : server.submit(input)),
    });

    await flushOutbox(deps(network));

    const requests = network.calls.length;
    console.info(`poison batch of 100: ${requests} requests to isolate one result`);
    expect(requests).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(100)) + 2);
    expect(server.inserts).toHaveLength(99);
    expect(server.inserts).not.toContain(poison.id);
    expect(await outboxOf(ANNA.id)).toEqual([]);
    const attention = await attentionOf(ANNA.id);
    expect(attention).toHaveLength(1);
    expect(attention[0]).toMatchObject({ id: poison.id, code: 'INTERNAL_SERVER_ERROR', requestId: `req-${failures}`, item: poison });
    expect(syncStore.get()).toMatchObject({ waiting: 0, attention: 1, problem: null });
  });

  it('sends the rest of the outbox after isolating the bad result', async () => {
    const items = Array.from({ length: 150 }, (_, i) => queuedReview({ minutesAgo: 300 - i }));
    await queue(...items);
    const poison = items[0]!;
    const server = fakeServer();
    const network = fakeNetwork({
      submitReviews: (input) => (input.some((r) => r.clientId === poison.id) ? httpFailure(500, internalError('req-x')) : server.submit(input)),
    });

    await flushOutbox(deps(network));

    expect([...server.inserts].sort()).toEqual(idsOf(items.slice(1)).sort());
    expect(idsOf((await attentionOf(ANNA.id)).map((a) => a.item))).toEqual([poison.id]);
  });

  it('backs off without splitting when the phone is offline', async () => {
    const { items } = hundredWithPoisonAt(37);
    await queue(...items);
    const network = fakeNetwork({ submitReviews: () => Promise.reject(offline()) });

    await flushOutbox(deps(network, { online: false }));

    expect(network.sentClientIds().map((batch) => batch.length)).toEqual([100]);
    expect(await outboxOf(ANNA.id)).toEqual(items);
    expect(await attentionOf(ANNA.id)).toEqual([]);
    expect(syncStore.get()).toMatchObject({ waiting: 100, problem: 'offline' });
  });

  it.each([502, 503, 504])('backs off without splitting when the server answers %i', async (status) => {
    const { items } = hundredWithPoisonAt(37);
    await queue(...items);
    const network = fakeNetwork({ submitReviews: () => httpFailure(status, internalError('req-gateway')) });

    await flushOutbox(deps(network));

    expect(network.sentClientIds().map((batch) => batch.length)).toEqual([100]);
    expect((await outboxOf(ANNA.id)).map((i) => i.attempts)).toEqual(items.map(() => 1));
    expect(await attentionOf(ANNA.id)).toEqual([]);
    expect(syncStore.get()).toMatchObject({ waiting: 100, problem: 'server' });
  });

  it('files nothing under "needs attention" when the server fails on everything, and soon stops trying', async () => {
    const { items } = hundredWithPoisonAt(0);
    await queue(...items);
    const network = fakeNetwork({ submitReviews: () => httpFailure(500, internalError('req-down')) });

    await flushOutbox(deps(network));

    expect(network.calls.length).toBeLessThanOrEqual(7);
    expect(await attentionOf(ANNA.id)).toEqual([]);
    const waiting = await outboxOf(ANNA.id);
    expect(idsOf(waiting)).toEqual(idsOf(items));
    expect(waiting.every((i) => i.attempts === 1 && Date.parse(i.nextAttemptAt) > NOW)).toBe(true);
    expect(syncStore.get()).toMatchObject({ waiting: 100, problem: 'server' });
  });

  it('keeps a lone result the server fails on in the outbox, since nothing shows the server works', async () => {
    const item = queuedReview();
    await queue(item);
    const network = fakeNetwork({ submitReviews: () => httpFailure(500, internalError('req-lone')) });

    await flushOutbox(deps(network));

    expect(await attentionOf(ANNA.id)).toEqual([]);
    expect(await outboxOf(ANNA.id)).toEqual([expect.objectContaining({ id: item.id, attempts: 1 })]);
  });
});

describe('a result the server already holds with other content', () => {
  it('files a CONFLICT under "needs attention" with the field and the request id', async () => {
    const item = queuedReview();
    await queue(item);
    const network = fakeNetwork({
      submitReviews: async (input) => [
        {
          clientId: input[0]!.clientId,
          index: 0,
          outcome: 'REJECTED',
          review: null,
          error: { code: 'CONFLICT', reason: 'STORED_WITH_OTHER_CONTENT', field: 'clientId', message: 'Stored with other content' },
        },
      ],
    });

    await flushOutbox(deps(network));

    expect(await outboxOf(ANNA.id)).toEqual([]);
    const [entry] = await attentionOf(ANNA.id);
    expect(entry).toMatchObject({ id: item.id, code: 'CONFLICT', field: 'clientId', item });
    expect(entry?.requestId).toMatch(/^[A-Za-z0-9_.:-]{1,64}$/);
  });
});

describe("a worker's decision about a refused result", () => {
  /** A review the server refused because its recipient moved, as it lies under "needs attention". */
  async function refusedForMove(): Promise<OutboxReview> {
    const item = queuedReview();
    await moveToAttention([
      {
        item,
        code: 'FORBIDDEN',
        reason: 'RECIPIENT_OTHER_UNIT',
        field: 'recipientId',
        message: 'This care recipient belongs to another unit',
        requestId: 'req-1',
      },
    ]);
    return item;
  }
  const stored = (clientId: string): HandOverReviewMutation['handOverReview'] => ({
    clientId,
    outcome: 'CREATED',
    review: { id: `review-${clientId}`, unitId: 'unit-2' },
    error: null,
  });

  it('hands a review over with the reason, and lets it go once the server stored it', async () => {
    const item = await refusedForMove();
    await decide(item.id, 'hand_over', 'Brukaren har flyttat', new Date(NOW).toISOString());
    expect(await attentionOf(ANNA.id)).toEqual([]);
    const network = fakeNetwork({ handOver: async (input) => stored(input.clientId) });

    await flushOutbox(deps(network));

    expect(network.calls).toEqual([
      expect.objectContaining({ operation: 'handOverReview', reason: 'Brukaren har flyttat', input: expect.objectContaining({ clientId: item.id }) }),
    ]);
    expect(await allOutboxItems()).toEqual([]);
    expect(await attentionOf(ANNA.id)).toEqual([]);
  });

  it('puts a hand-over the server refuses back under "needs attention", with the new reason', async () => {
    const item = await refusedForMove();
    await decide(item.id, 'hand_over', 'Brukaren har flyttat', new Date(NOW).toISOString());
    const network = fakeNetwork({
      handOver: async (input) => ({
        clientId: input.clientId,
        outcome: 'REJECTED',
        review: null,
        error: { code: 'NOT_FOUND', reason: 'TEMPLATE_VERSION_UNAVAILABLE', field: 'templateVersionId', message: 'No published template version with that id' },
      }),
    });

    await flushOutbox(deps(network));

    expect(await outboxOf(ANNA.id)).toEqual([]);
    expect(await attentionOf(ANNA.id)).toEqual([
      expect.objectContaining({ id: item.id, item, code: 'NOT_FOUND', reason: 'TEMPLATE_VERSION_UNAVAILABLE', field: 'templateVersionId' }),
    ]);
    expect(syncStore.get()).toMatchObject({ waiting: 0, attention: 1 });
  });

  it('keeps a discarded result on the phone until the server has recorded the discard, also offline', async () => {
    const item = await refusedForMove();
    await decide(item.id, 'discard', 'Fel brukare valdes', new Date(NOW).toISOString());
    const unreachable = fakeNetwork({ discard: () => Promise.reject(offline()) });

    await flushOutbox(deps(unreachable, { online: false }));
    expect(await outboxOf(ANNA.id)).toEqual([expect.objectContaining({ id: item.id, kind: 'discard', entry: expect.objectContaining({ item }) })]);
    expect(syncStore.get()).toMatchObject({ waiting: 1, problem: 'offline' });

    const network = fakeNetwork({ discard: async (input) => ({ clientId: input.clientId, discardedAt: new Date(NOW).toISOString() }) });
    await flushOutbox(deps(network));

    expect(network.calls).toEqual([
      {
        operation: 'discardResult',
        token: 'token-1',
        input: { clientId: item.id, kind: 'REVIEW', recipientId: item.payload.recipientId, reason: 'Fel brukare valdes', refusalCode: 'FORBIDDEN' },
      },
    ]);
    expect(await allOutboxItems()).toEqual([]);
    expect(await attentionOf(ANNA.id)).toEqual([]);
  });

  it('discards a refused closing of an action against its action', async () => {
    const closing = queuedClosing();
    await moveToAttention([{ item: closing, code: 'FORBIDDEN', field: null, message: 'This action is outside your scope', requestId: 'req-2' }]);
    await decide(closing.id, 'discard', 'Åtgärden har flyttats', new Date(NOW).toISOString());
    const network = fakeNetwork({ discard: async (input) => ({ clientId: input.clientId, discardedAt: new Date(NOW).toISOString() }) });

    await flushOutbox(deps(network));

    expect(network.calls).toEqual([
      expect.objectContaining({
        input: { clientId: closing.id, kind: 'ACTION_CLOSING', actionId: closing.payload.actionId, reason: 'Åtgärden har flyttats', refusalCode: 'FORBIDDEN' },
      }),
    ]);
    expect(await allOutboxItems()).toEqual([]);
  });
});
