import type { Logger } from 'pino';
import { Webhook } from 'standardwebhooks';
import { WEBHOOK_QUEUE, type JobQueue } from './job-queue.js';
import type { OutgoingDelivery, WebhookRepository } from './webhook.repository.js';
import type { DeliveryJob } from './webhook.service.js';

/** Deliveries fetched per poll. */
const BATCH = 10;

/** A receiver must answer within this; a slower one counts as a failed try. */
const SEND_TIMEOUT_MS = 10_000;

export interface WebhookWorker {
  /** Stops fetching and waits for tries in progress: a stopped instance leaves no half-recorded try. */
  stop(): Promise<void>;
}

/**
 * The Standard Webhooks request for a delivery: body `{type, timestamp, data}`, headers `webhook-id` (the
 * delivery id, the same on every try, so a receiver can drop a repeat), `webhook-timestamp` (this try, in
 * seconds) and `webhook-signature` (`v1,` HMAC-SHA256 of `id.timestamp.body` with the endpoint's secret).
 */
export function signedRequest(d: OutgoingDelivery, now: Date): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify({ type: d.eventType, timestamp: d.createdAt.toISOString(), data: d.payload });
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'Hjulet-Webhooks/1',
    'webhook-id': d.id,
    'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
    'webhook-signature': new Webhook(d.secret).sign(d.id, now, body),
  };
  return { body, headers };
}

/** Why a try failed, short and free of response bodies (which the partner controls). */
async function send(d: OutgoingDelivery): Promise<string | null> {
  const { body, headers } = signedRequest(d, new Date());
  try {
    const response = await fetch(d.url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(SEND_TIMEOUT_MS) });
    await response.body?.cancel();
    return response.status >= 200 && response.status < 300 ? null : `HTTP ${response.status}`;
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return error instanceof Error && error.name === 'TimeoutError' ? `no answer in ${SEND_TIMEOUT_MS / 1000} s` : `network error${cause ? ` (${cause})` : ''}`;
  }
}

/** One try of a delivery, recorded on its row; answers why it failed, or null when it was delivered (or is not to be sent). */
async function tryDelivery(repo: WebhookRepository, deliveryId: string, last: boolean): Promise<string | null> {
  const delivery = await repo.outgoing(deliveryId);
  // A job can outlive its delivery's success: an instance killed after recording the delivery but before
  // pg-boss completed the job leaves it active, and pg-boss tries it again once it expires.
  if (!delivery || delivery.delivered) return null;
  // Removed endpoints and revoked partners get nothing more; the row keeps why.
  if (delivery.endpointRemoved || delivery.partnerRevoked) {
    await repo.markFailed(delivery.id, delivery.endpointRemoved ? 'endpoint removed' : 'partner client revoked', true);
    return null;
  }
  const failure = await send(delivery);
  if (failure === null) await repo.markDelivered(delivery);
  else await repo.markFailed(delivery.id, failure, last);
  return failure;
}

/**
 * Works the delivery queue: one try per job. A failed try fails its job, so pg-boss schedules the next one
 * with exponential back-off, and after the last one moves the job to the dead-letter queue; the delivery row
 * says the same for the admin. Jobs live in the database: an instance stopped between tries leaves the
 * job for whichever instance polls next.
 */
export async function startWebhookWorker(queue: JobQueue, repo: WebhookRepository, pollMs: number, log: Logger): Promise<WebhookWorker> {
  if (pollMs <= 0) return { stop: async () => {} };
  queue.on('error', (error) => log.error({ err: error }, 'job queue error'));
  await queue.start();
  let stopping = false;
  const running = new Set<Promise<void>>();
  // Up to BATCH deliveries per poll, sent side by side: a slow endpoint does not hold up the others. A failed
  // try fails its own job (pg-boss then schedules its retry or dead-letters it); pg-boss completes the rest.
  await queue.work<DeliveryJob>(WEBHOOK_QUEUE, { pollingIntervalSeconds: pollMs / 1000, batchSize: BATCH, includeMetadata: true }, (jobs) => {
    // A poll under way when stop() was called still answers its jobs: they are failed untried, as pg-boss
    // fails the jobs still running when it stops, and the next instance tries them.
    if (stopping) return Promise.reject(new Error('the API is stopping'));
    const batch = Promise.all(
      jobs.map(async (job) => {
        const failure = await tryDelivery(repo, job.data.deliveryId, job.retryCount >= job.retryLimit);
        if (failure === null) return;
        log.info({ deliveryId: job.data.deliveryId, attempt: job.retryCount + 1, failure }, 'webhook delivery failed');
        await queue.fail(WEBHOOK_QUEUE, job.id, { message: failure });
      }),
    ).then(() => undefined);
    running.add(batch);
    const forget = () => running.delete(batch);
    batch.then(forget, forget);
    return batch;
  });
  return {
    async stop() {
      stopping = true;
      await queue.stop({ graceful: true, close: false, wait: true, timeout: SEND_TIMEOUT_MS + 2000 });
      // pg-boss's stop does not wait for a poll under way, nor for the completions it does not await.
      do {
        await Promise.allSettled(running);
        await queue.settled();
      } while (running.size > 0);
    },
  };
}
