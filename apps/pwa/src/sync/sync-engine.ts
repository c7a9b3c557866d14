import { acknowledge, attentionOf, moveToAttention, outboxOf, recordFailedAttempt, returnToAttention } from '../data/outbox.js';
import { readSession, readMeta, readReference, writeMeta } from '../data/session-store.js';
import type { OutboxCloseAction, OutboxDecision, OutboxDeviationReport, OutboxReview, OutboxRoutineConfirmation } from '../data/db.js';
import { closingToWire, fromWire, reviewToWire, toWire } from './enum-casing.js';
import { CloseActionDocument, ConfirmRoutineDocument, DiscardResultDocument, HandOverReviewDocument, ReportDeviationDocument } from './operations.js';
import { graphqlRequest, type RequestFailure } from './graphql-client.js';
import { sendReviewBatch } from './review-batch.js';
import { StopFlush, browserOnline, failureOf, newRequestId, problemOf, retryAfterOfFailure, withToken, type SyncDeps, type SyncProblem } from './sending.js';
import { accessToken, serverContact } from './session.js';
import { createStore } from './store.js';

export type { SyncDeps, SyncProblem } from './sending.js';

/** What the sync bar shows: always the truth about what is on the phone. */
export interface SyncState {
  waiting: number;
  attention: number;
  oldestWaitingAt: string | null;
  /** When results last went to the server. */
  lastSyncedAt: string | null;
  /** When the unit's list, the checklist and one's actions were last downloaded. */
  referenceUpdatedAt: string | null;
  problem: SyncProblem;
  syncing: boolean;
  /** Whether the phone has a network at all (the browser's navigator.onLine, kept up by its events). */
  online: boolean;
}

export const syncStore = createStore<SyncState>({
  waiting: 0,
  attention: 0,
  oldestWaitingAt: null,
  lastSyncedAt: null,
  referenceUpdatedAt: null,
  problem: null,
  syncing: false,
  online: browserOnline(),
});

export const BATCH_SIZE = 100;
export const OUTBOX_SYNC_TAG = 'hjulet-outbox';

const defaultDeps: SyncDeps = { request: graphqlRequest, token: accessToken, now: Date.now, online: browserOnline };

const lastSyncKey = (userId: string) => `lastSyncedAt:${userId}`;

export async function refreshSyncState(patch: Partial<SyncState> = {}): Promise<void> {
  const session = await readSession();
  if (!session) {
    syncStore.set((s) => ({ ...s, waiting: 0, attention: 0, oldestWaitingAt: null, lastSyncedAt: null, referenceUpdatedAt: null, ...patch }));
    return;
  }
  const [outbox, attention, lastSyncedAt, reference] = await Promise.all([
    outboxOf(session.user.id),
    attentionOf(session.user.id),
    readMeta(lastSyncKey(session.user.id)),
    readReference(session.user.id),
  ]);
  syncStore.set((s) => ({
    ...s,
    waiting: outbox.length,
    attention: attention.length,
    oldestWaitingAt: outbox[0]?.createdAt ?? null,
    lastSyncedAt: lastSyncedAt ?? null,
    referenceUpdatedAt: reference?.fetchedAt ?? null,
    ...patch,
  }));
}

/** The problem a failed request stands for, or null when the request itself was refused. */
function problemOfRequest(error: unknown, deps: SyncDeps) {
  const failure = failureOf(error);
  // A single request: a server failure on it is waited out like an outage.
  return { failure, problem: problemOf(failure, (deps.online ?? browserOnline)()) ?? (failure.kind === 'server_error' ? 'server' : null) };
}

/**
 * Sends one result in a request of its own. The server has it: it leaves the outbox. A network or server
 * failure keeps it for a later try and stops this flush. A refusal files it under "needs attention", unless
 * `alreadyDone` reads the refusal as the server already holding what was asked.
 */
async function sendSingle(
  item: OutboxCloseAction | OutboxRoutineConfirmation | OutboxDeviationReport,
  deps: SyncDeps,
  send: (token: string, requestId: string) => Promise<unknown>,
  alreadyDone: (failure: RequestFailure) => boolean = () => false,
): Promise<void> {
  let requestId = '';
  try {
    await withToken<unknown>(deps, (token) => {
      requestId = newRequestId();
      return send(token, requestId);
    });
    await acknowledge([item.id]);
  } catch (error) {
    const { failure, problem } = problemOfRequest(error, deps);
    if (problem === 'server') await recordFailedAttempt([item.id], failure.message, deps.now(), Math.random, retryAfterOfFailure(failure));
    if (problem) throw new StopFlush(problem);
    if (alreadyDone(failure)) await acknowledge([item.id]);
    else
      await moveToAttention([
        {
          item,
          code: 'code' in failure ? failure.code : 'BAD_USER_INPUT',
          field: 'field' in failure ? failure.field : null,
          message: failure.message,
          requestId,
        },
      ]);
  }
}

const sendCloseAction = (item: OutboxCloseAction, deps: SyncDeps) =>
  sendSingle(
    item,
    deps,
    (token, requestId) => deps.request(CloseActionDocument, closingToWire(item.payload), token, { requestId }),
    // Closed already (by this phone's earlier, unanswered attempt, or by a colleague): nothing left to do.
    (failure) => failure.kind === 'refused' && failure.code === 'CONFLICT',
  );

/** A deviation report as the API takes it: enum values in capitals. */
const deviationToWire = (p: OutboxDeviationReport['payload']) => ({ ...p, kind: toWire(p.kind) });

/**
 * Sends one result that the server stores once by the phone's id: a "read and understood" of a routine, or
 * a deviation report. A send whose answer was lost is simply sent again; a refusal (the routine gone, the
 * person moved out of reach) waits under "needs attention".
 */
const sendByClientId = (item: OutboxRoutineConfirmation | OutboxDeviationReport, deps: SyncDeps) =>
  sendSingle(item, deps, (token, requestId) =>
    item.kind === 'confirm_routine'
      ? deps.request(ConfirmRoutineDocument, { input: item.payload }, token, { requestId })
      : deps.request(ReportDeviationDocument, { input: deviationToWire(item.payload) }, token, { requestId }),
  );

/**
 * Sends a worker's decision about a refused result: a hand-over (handOverReview) or a discard
 * (discardResult). The result leaves the phone only when the server took the decision; a refusal puts it
 * back under "needs attention" with the new reason, and a network or server failure keeps it for later.
 */
async function sendDecision(item: OutboxDecision, deps: SyncDeps): Promise<void> {
  let requestId = '';
  const send = <T>(request: (token: string) => Promise<T>) =>
    withToken(deps, (token) => {
      requestId = newRequestId();
      return request(token);
    });
  try {
    const result = item.entry.item;
    if (item.kind === 'hand_over' && result.kind === 'review') {
      const data = await send((token) =>
        deps.request(HandOverReviewDocument, { input: reviewToWire(result.payload), reason: item.reason }, token, { requestId }),
      );
      const answer = data.handOverReview;
      if (fromWire(answer.outcome) !== 'rejected') await acknowledge([item.id]);
      else {
        const { code = 'REJECTED', reason = null, field = null, message = '' } = answer.error ?? {};
        await returnToAttention(item, { code, reason, field, message, requestId });
      }
      return;
    }
    // A refused "read and understood" holds no care data and the server keeps no trace of it: letting it go
    // is the phone's own business. So is a refused deviation report, which the server never stored: the
    // worker has read why, and reports it again (or by another route) if it still needs reporting.
    if (result.kind === 'confirm_routine' || result.kind === 'report_deviation') {
      if (item.kind === 'discard') await acknowledge([item.id]);
      else await returnToAttention(item);
      return;
    }
    if (item.kind === 'discard') {
      const input =
        result.kind === 'review'
          ? { clientId: result.payload.clientId, kind: toWire('review' as const), recipientId: result.payload.recipientId }
          : { clientId: result.id, kind: toWire('action_closing' as const), actionId: result.payload.actionId };
      await send((token) =>
        deps.request(DiscardResultDocument, { input: { ...input, reason: item.reason, refusalCode: item.entry.code } }, token, { requestId }),
      );
      await acknowledge([item.id]);
      return;
    }
    // A hand-over of something that is not a review: nothing the server can take; back to the worker.
    await returnToAttention(item);
  } catch (error) {
    const { failure, problem } = problemOfRequest(error, deps);
    if (problem === 'server') await recordFailedAttempt([item.id], failure.message, deps.now(), Math.random, retryAfterOfFailure(failure));
    if (problem) throw new StopFlush(problem);
    // A discard the server holds under other content was recorded already: the trace is there.
    if (item.kind === 'discard' && failure.kind === 'refused' && failure.code === 'CONFLICT') await acknowledge([item.id]);
    else
      await returnToAttention(item, {
        code: 'code' in failure ? failure.code : 'BAD_USER_INPUT',
        reason: null,
        field: 'field' in failure ? failure.field : null,
        message: failure.message,
        requestId,
      });
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
    for (const item of due.filter((i): i is OutboxRoutineConfirmation | OutboxDeviationReport => i.kind === 'confirm_routine' || i.kind === 'report_deviation'))
      await sendByClientId(item, deps);
    for (const item of due.filter((i): i is OutboxDecision => i.kind === 'hand_over' || i.kind === 'discard')) await sendDecision(item, deps);
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
