import { moveToAttention, recordFailedAttempt } from '../data/outbox.js';
import { acknowledgeReviews } from '../data/synced.js';
import type { AttentionItem, OutboxReview } from '../data/db.js';
import type { SubmitReviewsMutation } from '../gql/graphql.js';
import { fromWire, reviewToWire } from './enum-casing.js';
import { SubmitReviewsDocument } from './operations.js';
import { StopFlush, browserOnline, failureOf, newRequestId, problemOf, retryAfterOfFailure, withToken, type SyncDeps } from './sending.js';

/** How often a result alone must make the server fail before it is set aside under "needs attention". */
export const SINGLE_TRIES = 2;
/**
 * Server failures in a row, with no answer in between, after which the server is taken to fail on
 * everything (a database down) rather than on some results: stop and back off. Seven covers a whole batch,
 * its halves and its quarters, so up to three bad results in one batch are still told from an outage.
 */
export const FAILURES_BEFORE_OUTAGE = 7;

interface Chunk {
  items: OutboxReview[];
  tries: number;
}

type Refusal = Omit<AttentionItem, 'id' | 'userId' | 'refusedAt'>;

const halves = (items: OutboxReview[]): Chunk[] => {
  const middle = Math.ceil(items.length / 2);
  return [
    { items: items.slice(0, middle), tries: 0 },
    { items: items.slice(middle), tries: 0 },
  ];
};

/**
 * Sends one batch of reviews through `submitReviews`. A failure that says nothing about the content
 * (offline, login, gateway) stops the flush with the batch kept for a later attempt. When the server
 * refuses or fails on the batch as a whole, one result may be the cause: the batch is split in halves,
 * breadth first, so the good results get through in about 2·log₂(n) requests and the bad one is left
 * alone. A result that alone still fails `SINGLE_TRIES` times goes to "needs attention", but only once
 * the server has shown it works; otherwise it waits out a backoff. Answers `true` when a result is
 * still waiting because of the server.
 */
export async function sendReviewBatch(batch: OutboxReview[], deps: SyncDeps): Promise<boolean> {
  const queue: Chunk[] = [{ items: batch, tries: 0 }];
  let failuresInARow = 0;
  let serverWorks = false;
  let waitingOnServer = false;
  for (let chunk = queue.shift(); chunk; chunk = queue.shift()) {
    let requestId = '';
    let data: SubmitReviewsMutation;
    try {
      data = await withToken(deps, (token) => {
        requestId = newRequestId();
        return deps.request(SubmitReviewsDocument, { input: chunk!.items.map((i) => reviewToWire(i.payload)) }, token, { requestId });
      });
    } catch (error) {
      const failure = failureOf(error);
      const problem = problemOf(failure, (deps.online ?? browserOnline)());
      const remaining = [chunk, ...queue].flatMap((c) => c.items.map((i) => i.id));
      if (problem) {
        if (problem === 'server') await recordFailedAttempt(remaining, failure.message, deps.now(), Math.random, retryAfterOfFailure(failure));
        throw new StopFlush(problem);
      }
      if (failure.kind === 'refused') {
        serverWorks = true;
        failuresInARow = 0;
        if (chunk.items.length > 1) queue.push(...halves(chunk.items));
        else await moveToAttention([{ item: chunk.items[0]!, code: failure.code, field: failure.field, message: failure.message, requestId }]);
        continue;
      }
      if (failure.kind !== 'server_error') throw error;
      failuresInARow += 1;
      if (failuresInARow >= FAILURES_BEFORE_OUTAGE) {
        await recordFailedAttempt(remaining, failure.message, deps.now());
        throw new StopFlush('server');
      }
      if (chunk.items.length > 1) queue.push(...halves(chunk.items));
      else if (chunk.tries + 1 < SINGLE_TRIES) queue.push({ items: chunk.items, tries: chunk.tries + 1 });
      else if (serverWorks) {
        await moveToAttention([
          { item: chunk.items[0]!, code: 'INTERNAL_SERVER_ERROR', field: null, message: failure.message, requestId: failure.requestId ?? requestId },
        ]);
      } else {
        await recordFailedAttempt([chunk.items[0]!.id], failure.message, deps.now());
        waitingOnServer = true;
      }
      continue;
    }
    serverWorks = true;
    failuresInARow = 0;
    await storeResults(chunk.items, data, requestId, deps.now());
  }
  return waitingOnServer;
}

/**
 * Acknowledged results leave the outbox and are remembered as synced, with the status the server stored,
 * until the reference data shows them; refused ones move to "needs attention" with the reason.
 */
async function storeResults(items: OutboxReview[], data: SubmitReviewsMutation, requestId: string, now: number): Promise<void> {
  const byClientId = new Map(items.map((i) => [i.payload.clientId, i]));
  const stored: Array<{ item: OutboxReview; status: 'completed' | 'declined' }> = [];
  const refused: Refusal[] = [];
  for (const result of data.submitReviews) {
    const item = byClientId.get(result.clientId);
    if (!item) continue;
    if (fromWire(result.outcome) === 'rejected') {
      refused.push({
        item,
        code: result.error?.code ?? 'REJECTED',
        reason: result.error?.reason ?? null,
        field: result.error?.field ?? null,
        message: result.error?.message ?? '',
        requestId,
      });
    } else {
      const status = result.review ? fromWire(result.review.status) : item.payload.status;
      stored.push({ item, status: status === 'completed' || status === 'declined' ? status : item.payload.status });
    }
  }
  await acknowledgeReviews(stored, new Date(now).toISOString());
  await moveToAttention(refused);
}
