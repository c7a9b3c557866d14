import { acknowledge, attentionOf, moveToAttention, outboxOf, recordFailedAttempt } from '../data/outbox.js';
import { readSession, readMeta, writeMeta } from '../data/session-store.js';
import type { OutboxCloseAction, OutboxItem, OutboxReview } from '../data/db.js';
import { CloseActionDocument, SubmitReviewsDocument } from './operations.js';
import { GraphQLRequestError, graphqlRequest } from './graphql-client.js';
import { accessToken } from './session.js';
import { createStore } from './store.js';

export type SyncProblem = 'offline' | 'login_required' | 'server' | null;

/** What the sync bar shows: always the truth about what is on the phone. */
export interface SyncState {
  waiting: number;
  attention: number;
  oldestWaitingAt: string | null;
  lastSyncedAt: string | null;
  problem: SyncProblem;
  syncing: boolean;
}

export const syncStore = createStore<SyncState>({ waiting: 0, attention: 0, oldestWaitingAt: null, lastSyncedAt: null, problem: null, syncing: false });

export const BATCH_SIZE = 100;
export const OUTBOX_SYNC_TAG = 'hjulet-outbox';

export interface SyncDeps {
  request: typeof graphqlRequest;
  token: (forceRefresh?: boolean) => Promise<string>;
  now: () => number;
}

const defaultDeps: SyncDeps = { request: graphqlRequest, token: accessToken, now: Date.now };

const lastSyncKey = (userId: string) => `lastSyncedAt:${userId}`;

export async function refreshSyncState(patch: Partial<SyncState> = {}): Promise<void> {
  const session = await readSession();
  if (!session) {
    syncStore.set((s) => ({ ...s, waiting: 0, attention: 0, oldestWaitingAt: null, lastSyncedAt: null, ...patch }));
    return;
  }
  const [outbox, attention, lastSyncedAt] = await Promise.all([outboxOf(session.user.id), attentionOf(session.user.id), readMeta(lastSyncKey(session.user.id))]);
  syncStore.set((s) => ({ ...s, waiting: outbox.length, attention: attention.length, oldestWaitingAt: outbox[0]?.createdAt ?? null, lastSyncedAt: lastSyncedAt ?? null, ...patch }));
}

/** Calls `send` with a token, refreshing it once when the server says the token expired. */
async function withToken<T>(deps: SyncDeps, send: (token: string) => Promise<T>): Promise<T> {
  try {
    return await send(await deps.token());
  } catch (error) {
    if (error instanceof GraphQLRequestError && error.failure.kind === 'unauthenticated') return send(await deps.token(true));
    throw error;
  }
}

class StopFlush extends Error {
  constructor(readonly problem: Exclude<SyncProblem, null>) {
    super(problem);
  }
}

function problemOf(error: unknown): Exclude<SyncProblem, null> | null {
  if (!(error instanceof GraphQLRequestError)) return 'server';
  if (error.failure.kind === 'offline') return 'offline';
  if (error.failure.kind === 'unauthenticated') return 'login_required';
  if (error.failure.kind === 'server') return 'server';
  return null;
}

async function sendReviews(items: OutboxReview[], deps: SyncDeps): Promise<void> {
  let data;
  try {
    data = await withToken(deps, (token) => deps.request(SubmitReviewsDocument, { input: items.map((i) => i.payload) }, token));
  } catch (error) {
    const problem = problemOf(error);
    if (problem === 'server') await recordFailedAttempt(items.map((i) => i.id), (error as Error).message, deps.now());
    if (problem) throw new StopFlush(problem);
    // The request as a whole was refused (one malformed review fails GraphQL's input checks for all):
    // send them one by one, so only the bad one ends up under "needs attention".
    if (items.length > 1) {
      for (const item of items) await sendReviews([item], deps);
      return;
    }
    const failure = (error as GraphQLRequestError).failure;
    const single = items[0] as OutboxReview;
    await moveToAttention([{ item: single, code: 'code' in failure ? failure.code : 'BAD_USER_INPUT', field: 'field' in failure ? failure.field : null, message: failure.message }]);
    return;
  }
  const byClientId = new Map(items.map((i) => [i.payload.clientId, i]));
  const stored: string[] = [];
  const refused: Array<{ item: OutboxItem; code: string; field: string | null; message: string }> = [];
  for (const result of data.submitReviews) {
    const item = byClientId.get(result.clientId);
    if (!item) continue;
    if (result.outcome === 'REJECTED') {
      refused.push({ item, code: result.error?.code ?? 'REJECTED', field: result.error?.field ?? null, message: result.error?.message ?? '' });
    } else {
      stored.push(item.id);
    }
  }
  await acknowledge(stored);
  await moveToAttention(refused);
}

async function sendCloseAction(item: OutboxCloseAction, deps: SyncDeps): Promise<void> {
  try {
    await withToken(deps, (token) => deps.request(CloseActionDocument, { id: item.payload.actionId, input: { outcome: item.payload.outcome, note: item.payload.note } }, token));
    await acknowledge([item.id]);
  } catch (error) {
    const problem = problemOf(error);
    if (problem === 'server') await recordFailedAttempt([item.id], (error as Error).message, deps.now());
    if (problem) throw new StopFlush(problem);
    const failure = (error as GraphQLRequestError).failure;
    // Closed already (by this phone's earlier, unanswered attempt, or by a colleague): nothing left to do.
    if ('code' in failure && failure.code === 'CONFLICT') await acknowledge([item.id]);
    else await moveToAttention([{ item, code: 'code' in failure ? failure.code : 'BAD_USER_INPUT', field: null, message: failure.message }]);
  }
}

let running: Promise<void> | undefined;

/**
 * Sends the logged-in user's outbox: reviews in batches of 100 through `submitReviews`, oldest first,
 * then action closings. A result leaves the outbox only when the server acknowledged it (created or
 * already stored); a refused one moves to "needs attention" with the server's reason. Network and server
 * failures leave items where they are, to be retried with backoff. Concurrent calls share one run.
 */
export function flushOutbox(deps: SyncDeps = defaultDeps): Promise<void> {
  running ??= runExclusive(() => flushOnce(deps)).finally(() => {
    running = undefined;
  });
  return running;
}

// Across tabs and the service worker, one flush at a time where the browser has Web Locks.
function runExclusive(task: () => Promise<void>): Promise<void> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  return locks ? locks.request('hjulet-outbox', () => task()).then(() => undefined) : task();
}

async function flushOnce(deps: SyncDeps): Promise<void> {
  const session = await readSession();
  if (!session) return;
  const waiting = await outboxOf(session.user.id);
  const due = waiting.filter((i) => Date.parse(i.nextAttemptAt) <= deps.now());
  if (due.length === 0) {
    // Results waiting out a backoff: the problem that caused it still stands until the next attempt.
    await refreshSyncState(waiting.length === 0 ? { problem: null } : {});
    return;
  }
  syncStore.set((s) => ({ ...s, syncing: true }));
  let problem: SyncProblem = null;
  try {
    const reviews = due.filter((i): i is OutboxReview => i.kind === 'review');
    for (let i = 0; i < reviews.length; i += BATCH_SIZE) await sendReviews(reviews.slice(i, i + BATCH_SIZE), deps);
    for (const item of due.filter((i): i is OutboxCloseAction => i.kind === 'close_action')) await sendCloseAction(item, deps);
    await writeMeta(lastSyncKey(session.user.id), new Date(deps.now()).toISOString());
  } catch (error) {
    if (!(error instanceof StopFlush)) throw error;
    problem = error.problem;
  } finally {
    await refreshSyncState({ syncing: false, problem });
  }
}
