import { randomBytes, randomUUID } from 'node:crypto';
import type PgBoss from 'pg-boss';
import type { EntityManager } from 'typeorm';
import type { AuditService } from '../audit/audit.service.js';
import { AccessRefused, badInput, conflict } from '../shared/app-error.js';
import type { Caller } from '../shared/context.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import { ENDPOINT_URL_MESSAGES, endpointUrlProblem } from './endpoint-url.js';
import { inTransaction, WEBHOOK_QUEUE } from './job-queue.js';
import type { DeliveryStatus, WebhookDeliveryRecord, WebhookEndpointRecord, WebhookRepository } from './webhook.repository.js';
import { lastClosedMonth, WEBHOOK_EVENTS, type WebhookEvent } from './webhook-events.js';

export const MAX_DELIVERY_PAGE = 200;

export interface WebhookSettings {
  production: boolean;
  retryLimit: number;
  retryDelaySeconds: number;
  /** How long this instance trusts its answer to "any endpoints for referrals?" (5 s when not given). */
  referralEndpointsTtlMs?: number;
}

/** What a delivery job carries: only the delivery's id; everything else is read when it is sent. */
export interface DeliveryJob {
  deliveryId: string;
}

/** An endpoint with its signing secret, answered once at registration (Standard Webhooks' `whsec_` form). */
export interface RegisteredEndpoint {
  endpoint: WebhookEndpointRecord;
  secret: string;
}

/** 24 random bytes, base64, after `whsec_`: the secret form the Standard Webhooks libraries take as it is. */
const newSecret = () => `whsec_${randomBytes(24).toString('base64')}`;

/**
 * Partner webhooks: the admin registers endpoints and sees and redelivers deliveries; the code that
 * creates a referral queues its deliveries in its own transaction (`queueReferralDeliveries`); a periodic
 * check queues "statistics period closed" once per month and endpoint. Sending is webhook-worker.ts.
 */
export class WebhookService {
  /** Whether live `referral.created` endpoints existed when last asked, and until when that answer is used. */
  private referralEndpoints: { any: Promise<boolean>; until: number } | null = null;

  constructor(
    private readonly repo: WebhookRepository,
    private readonly transactions: UnitOfWork,
    private readonly audit: AuditService,
    private readonly queue: PgBoss,
    private readonly settings: WebhookSettings,
  ) {}

  async register(caller: Caller, input: { partnerClientId: string; url: string; events: WebhookEvent[] }): Promise<RegisteredEndpoint> {
    const problem = endpointUrlProblem(input.url, this.settings.production);
    if (problem) throw badInput(ENDPOINT_URL_MESSAGES[problem], 'url');
    const events = WEBHOOK_EVENTS.filter((e) => input.events.includes(e));
    if (events.length === 0) throw badInput('Subscribe the endpoint to at least one event', 'events');
    const secret = newSecret();
    const endpoint = await this.transactions.run(async (m) => {
      const partner = await this.repo.activePartnerIn(caller.principal.municipalityId, input.partnerClientId, m);
      if (!partner) {
        throw new AccessRefused('NOT_FOUND', 'Partner client not found (or revoked)', 'partnerClientId', {
          entityType: 'partner_client',
          entityId: input.partnerClientId,
        });
      }
      const id = randomUUID();
      const created = await this.repo.insertEndpoint(m, {
        id,
        partnerClientId: partner.id,
        url: input.url,
        events,
        secret,
        createdBy: caller.principal.userId,
      });
      await this.audit.record(
        caller,
        [{ action: 'create', entityType: 'webhook_endpoint', entityId: id, details: { partnerClientId: partner.id, url: input.url, events } }],
        m,
      );
      return created;
    });
    this.forgetReferralEndpoints();
    return { endpoint, secret };
  }

  async remove(caller: Caller, id: string): Promise<WebhookEndpointRecord> {
    const removed = await this.transactions.run(async (m) => {
      const current = await this.repo.endpointById(id, m);
      if (!current || current.municipalityId !== caller.principal.municipalityId) {
        throw new AccessRefused('NOT_FOUND', 'Webhook endpoint not found', 'id', { entityType: 'webhook_endpoint', entityId: id });
      }
      if (current.removedAt) return current;
      await this.repo.removeEndpoint(id, m);
      await this.audit.record(
        caller,
        [{ action: 'update', entityType: 'webhook_endpoint', entityId: id, details: { change: 'removed', url: current.url } }],
        m,
      );
      return (await this.repo.endpointById(id, m)) as WebhookEndpointRecord;
    });
    this.forgetReferralEndpoints();
    return removed;
  }

  /**
   * Whether any live endpoint subscribes to `referral.created`, asked at most once per
   * `referralEndpointsTtlMs` and at once after this instance registers or removes one. Another instance's
   * change is seen within the TTL; until then a stale "none" is caught by the save itself (ReviewService.store).
   */
  mayHaveReferralEndpoints(): Promise<boolean> {
    const now = Date.now();
    if (!this.referralEndpoints || this.referralEndpoints.until <= now) {
      const any = this.repo.anyReferralEndpoints().catch((error: unknown) => {
        this.referralEndpoints = null;
        throw error;
      });
      this.referralEndpoints = { any, until: now + (this.settings.referralEndpointsTtlMs ?? 5000) };
    }
    return this.referralEndpoints.any;
  }

  forgetReferralEndpoints(): void {
    this.referralEndpoints = null;
  }

  endpoints(caller: Caller): Promise<WebhookEndpointRecord[]> {
    return this.repo.endpointsOf(caller.principal.municipalityId);
  }

  deliveries(caller: Caller, status: DeliveryStatus | null | undefined, first: number | null | undefined): Promise<WebhookDeliveryRecord[]> {
    const size = first ?? 50;
    if (!Number.isInteger(size) || size < 1 || size > MAX_DELIVERY_PAGE) throw badInput(`first must be 1 to ${MAX_DELIVERY_PAGE}`, 'first');
    return this.repo.deliveriesOf(caller.principal.municipalityId, status ?? null, size);
  }

  /** Sends a delivered or dead delivery again: the same webhook-id (receivers dedupe by it), a new round of tries. */
  async redeliver(caller: Caller, id: string): Promise<WebhookDeliveryRecord> {
    return this.transactions.run(async (m) => {
      const current = await this.repo.deliveryById(id, m);
      if (!current || current.municipalityId !== caller.principal.municipalityId) {
        throw new AccessRefused('NOT_FOUND', 'Webhook delivery not found', 'id', { entityType: 'webhook_delivery', entityId: id });
      }
      if (!(await this.repo.reopen(id, m))) throw conflict('This delivery is still queued for its next try', 'id');
      await this.enqueue(m, [id]);
      await this.audit.record(
        caller,
        [{ action: 'update', entityType: 'webhook_delivery', entityId: id, details: { change: 'redelivered', previousStatus: current.status } }],
        m,
      );
      return (await this.repo.deliveryById(id, m)) as WebhookDeliveryRecord;
    });
  }

  /**
   * The outbox write for referrals just created by `reviewIds`, in the caller's transaction `m`: the
   * delivery rows and their jobs commit with the referrals, or neither does.
   */
  async queueReferralDeliveries(m: EntityManager, reviewIds: readonly string[]): Promise<void> {
    if (reviewIds.length === 0) return;
    await this.enqueue(m, await this.repo.queueReferralDeliveries(m, reviewIds));
  }

  /** Queues "statistics period closed" for the month before `now`; a no-op once done for that month. Answers how many were queued. */
  async queuePeriodClosed(now: Date = new Date()): Promise<number> {
    return this.transactions.run(async (m) => {
      const ids = await this.repo.queuePeriodClosedDeliveries(m, lastClosedMonth(now));
      await this.enqueue(m, ids);
      return ids.length;
    });
  }

  private async enqueue(m: EntityManager, deliveryIds: readonly string[]): Promise<void> {
    if (deliveryIds.length === 0) return;
    const { retryLimit, retryDelaySeconds } = this.settings;
    await this.queue.insert(
      deliveryIds.map((deliveryId) => ({
        name: WEBHOOK_QUEUE,
        data: { deliveryId } satisfies DeliveryJob,
        retryLimit,
        retryDelay: retryDelaySeconds,
        retryBackoff: true,
        // A try that never answers is failed after this (a stopped instance's job is then tried again).
        expireInSeconds: 60,
      })),
      { db: inTransaction(m) },
    );
  }
}
