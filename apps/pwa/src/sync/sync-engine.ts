import { acknowledge, attentionOf, moveToAttention, outboxOf, recordFailedAttempt } from '../data/outbox.js';
import { readSession, readMeta, writeMeta } from '../data/session-store.js';
import type { OutboxCloseAction, OutboxReview } from '../data/db.js';
import { closingToWire } from './enum-casing.js';
import { CloseActionDocument } from './operations.js';
import { graphqlRequest } from './graphql-client.js';
import { sendReviewBatch } from './review-batch.js';
import { StopFlush, failureOf, newRequestId, problemOf, withToken, type SyncDeps, type SyncProblem } from './sending.js';
import { accessToken, serverContact } from './session.js';
import { createStore } from './store.js';

export type { SyncDeps, SyncProblem } from './sending.js';

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

const defaultDeps: SyncDeps = { request: graphqlRequest, token: accessToken, now: Date.now };

const lastSyncKey = (userId: string) => `lastSyncedAt:${userId}`;

export async function refreshSyncState(patch: Partial<SyncState> = {}): Promise<void> {
  const session = await readSession();
  if (!session) {
    syncStore.set((s) => ({ ...s, waiting: 0, attention: 0, oldestWaitingAt: null, lastSyncedAt: null, ...patch }));
    return;
  }
  const [outbox, attention, lastSyncedAt] = await Promise.all([
    outboxOf(session.user.id),
    attentionOf(session.user.id),
    readMeta(lastSyncKey(session.user.id)),
  ]);
  syncStore.set((s) => ({
    ...s,
    waiting: outbox.length,
    attention: attention.length,
    oldestWaitingAt: outbox[0]?.createdAt ?? null,
    lastSyncedAt: lastSyncedAt ?? null,
    ...patch,
  }));
}

async function sendCloseAction(item: OutboxCloseAction, deps: SyncDeps): Promise<void> {
  let requestId = '';
  try {
    await withToken(deps, (token) => {
      requestId = newRequestId();
      return deps.request(CloseActionDocument, closingToWire(item.payload), token, { requestId });
    });
    await acknowledge([item.id]);
  } catch (error) {
    const failure = failureOf(error);
    // A closing is one request: a server failure on it is waited out like an outage.
    const problem = problemOf(failure) ?? (failure.kind === 'server_error' ? 'server' : null);
    if (problem === 'server') await recordFailedAttempt([item.id], failure.message, deps.now());
    if (problem) throw new StopFlush(problem);
    // Closed already (by this phone's earlier, unanswered attempt, or by a colleague): nothing left to do.
    if (failure.kind === 'refused' && failure.code === 'CONFLICT') await acknowledge([item.id]);
    else await moveToAttention([{ item, code: 'code' in failure ? failure.code : 'BAD_USER_INPUT', field: null, message: failure.message, requestId }]);
  }
}

let running: Promise<void> | undefined;

/**
 * Sends the logged-in user's outbox: reviews in batches of 100 through `submitReviews`, oldest first,
 * then action closings. A result leaves the outbox only when the server acknowledged it (created or
 * already stored); a refused one moves to "needs attention" with the server's reason, and a batch the
 * server fails on is split until the result that causes it is found (see review-batch.ts). Network and
 * gateway failures leave items where they are, to be retried with backoff. Concurrent calls share one run.
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
    let waitingOnServer = false;
    for (let i = 0; i < reviews.length; i += BATCH_SIZE) waitingOnServer = (await sendReviewBatch(reviews.slice(i, i + BATCH_SIZE), deps)) || waitingOnServer;
    for (const item of due.filter((i): i is OutboxCloseAction => i.kind === 'close_action')) await sendCloseAction(item, deps);
    await writeMeta(lastSyncKey(session.user.id), new Date(deps.now()).toISOString());
    await serverContact(session.user.id);
    if (waitingOnServer) problem = 'server';
  } catch (error) {
    if (!(error instanceof StopFlush)) throw error;
    problem = error.problem;
  } finally {
    await refreshSyncState({ syncing: false, problem });
  }
}
