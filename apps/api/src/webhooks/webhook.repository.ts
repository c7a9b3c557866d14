import type { DataSource, EntityManager } from 'typeorm';
import { auditInsertSql } from '../audit/audit-insert.js';
import { queryRow, queryRows } from '../shared/sql.js';
import type { WebhookEvent } from './webhook-events.js';
import { REFERRAL_SUBSCRIBERS } from './referral-subscribers.sql.js';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'dead';

export interface WebhookEndpointRecord {
  id: string;
  partnerClientId: string;
  partnerName: string;
  url: string;
  events: WebhookEvent[];
  createdAt: Date;
  removedAt: Date | null;
}

export interface WebhookDeliveryRecord {
  id: string;
  endpointId: string;
  partnerName: string;
  url: string;
  eventType: WebhookEvent;
  subject: string;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  lastAttemptAt: Date | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

/** What the worker needs to send one delivery. */
export interface OutgoingDelivery {
  id: string;
  partnerClientId: string;
  url: string;
  secret: string;
  endpointRemoved: boolean;
  partnerRevoked: boolean;
  /** Already delivered (and not reopened for a redelivery since). */
  delivered: boolean;
  eventType: WebhookEvent;
  subject: string;
  payload: Record<string, unknown>;
  createdAt: Date;
  /** The care recipient a referral is about, for the audit row only (never sent). */
  careRecipientId: string | null;
}

interface EndpointColumns {
  id: string;
  partner_client_id: string;
  partner_name: string;
  url: string;
  events: WebhookEvent[];
  created_at: Date;
  removed_at: Date | null;
}

const endpointFromRow = (r: EndpointColumns): WebhookEndpointRecord => ({
  id: r.id,
  partnerClientId: r.partner_client_id,
  partnerName: r.partner_name,
  url: r.url,
  events: r.events,
  createdAt: new Date(r.created_at),
  removedAt: r.removed_at && new Date(r.removed_at),
});

interface DeliveryColumns {
  id: string;
  endpoint_id: string;
  partner_name: string;
  url: string;
  event_type: WebhookEvent;
  subject: string;
  status: DeliveryStatus;
  attempts: number;
  last_error: string | null;
  last_attempt_at: Date | null;
  delivered_at: Date | null;
  created_at: Date;
}

const deliveryFromRow = (r: DeliveryColumns): WebhookDeliveryRecord => ({
  id: r.id,
  endpointId: r.endpoint_id,
  partnerName: r.partner_name,
  url: r.url,
  eventType: r.event_type,
  subject: r.subject,
  status: r.status,
  attempts: r.attempts,
  lastError: r.last_error,
  lastAttemptAt: r.last_attempt_at && new Date(r.last_attempt_at),
  deliveredAt: r.delivered_at && new Date(r.delivered_at),
  createdAt: new Date(r.created_at),
});

const SELECT_ENDPOINT = `SELECT e.id, e.partner_client_id, pc.name AS partner_name, e.url, e.events, e.created_at, e.removed_at
  FROM webhook_endpoint e JOIN partner_client pc ON pc.id = e.partner_client_id`;

const SELECT_DELIVERY = `SELECT d.id, d.endpoint_id, pc.name AS partner_name, e.url, d.event_type, d.subject, d.status, d.attempts, d.last_error,
  d.last_attempt_at, d.delivered_at, d.created_at
  FROM webhook_delivery d JOIN webhook_endpoint e ON e.id = d.endpoint_id JOIN partner_client pc ON pc.id = e.partner_client_id`;

// An ISO 8601 instant in UTC with milliseconds, as JavaScript writes it: the same text in every payload.
const ISO = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** SQL for webhook endpoints and deliveries. */
export class WebhookRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insertEndpoint(
    m: EntityManager,
    row: { id: string; partnerClientId: string; url: string; events: WebhookEvent[]; secret: string; createdBy: string },
  ): Promise<WebhookEndpointRecord> {
    await m.query(`INSERT INTO webhook_endpoint (id, partner_client_id, url, events, secret, created_by) VALUES ($1, $2, $3, $4, $5, $6)`, [
      row.id,
      row.partnerClientId,
      row.url,
      row.events,
      row.secret,
      row.createdBy,
    ]);
    return (await this.endpointById(row.id, m)) as WebhookEndpointRecord;
  }

  /** The partner client, when it is the municipality's and not revoked. */
  async activePartnerIn(municipalityId: string, partnerClientId: string, m: EntityManager): Promise<{ id: string; scopes: string[] } | null> {
    return queryRow(m, `SELECT id, scopes FROM partner_client WHERE id = $1 AND municipality_id = $2 AND revoked_at IS NULL`, [
      partnerClientId,
      municipalityId,
    ]);
  }

  async endpointById(id: string, m: EntityManager | DataSource = this.dataSource): Promise<(WebhookEndpointRecord & { municipalityId: string }) | null> {
    const row = await queryRow<EndpointColumns & { municipality_id: string }>(
      m,
      `${SELECT_ENDPOINT.replace('SELECT ', 'SELECT pc.municipality_id, ')} WHERE e.id = $1`,
      [id],
    );
    return row && { ...endpointFromRow(row), municipalityId: row.municipality_id };
  }

  async endpointsOf(municipalityId: string): Promise<WebhookEndpointRecord[]> {
    const rows = await queryRows<EndpointColumns>(this.dataSource, `${SELECT_ENDPOINT} WHERE pc.municipality_id = $1 ORDER BY pc.name, e.created_at, e.id`, [
      municipalityId,
    ]);
    return rows.map(endpointFromRow);
  }

  async removeEndpoint(id: string, m: EntityManager): Promise<void> {
    await m.query(`UPDATE webhook_endpoint SET removed_at = now() WHERE id = $1 AND removed_at IS NULL`, [id]);
  }

  async deliveriesOf(municipalityId: string, status: DeliveryStatus | null, first: number): Promise<WebhookDeliveryRecord[]> {
    const rows = await queryRows<DeliveryColumns>(
      this.dataSource,
      `${SELECT_DELIVERY} WHERE pc.municipality_id = $1 AND ($2::text IS NULL OR d.status = $2) ORDER BY d.created_at DESC, d.id DESC LIMIT $3`,
      [municipalityId, status, first],
    );
    return rows.map(deliveryFromRow);
  }

  async deliveryById(id: string, m: EntityManager | DataSource = this.dataSource): Promise<(WebhookDeliveryRecord & { municipalityId: string }) | null> {
    const row = await queryRow<DeliveryColumns & { municipality_id: string }>(
      m,
      `${SELECT_DELIVERY.replace('SELECT ', 'SELECT pc.municipality_id, ')} WHERE d.id = $1`,
      [id],
    );
    return row && { ...deliveryFromRow(row), municipalityId: row.municipality_id };
  }

  /** Whether any live endpoint of a partner that is not revoked subscribes to `referral.created`. */
  async anyReferralEndpoints(): Promise<boolean> {
    const row = await queryRow<{ any: boolean }>(
      this.dataSource,
      `SELECT EXISTS (SELECT 1 FROM webhook_endpoint e JOIN partner_client pc ON pc.id = e.partner_client_id AND pc.revoked_at IS NULL
                      WHERE e.removed_at IS NULL AND 'referral.created' = ANY(e.events)) AS any`,
    );
    return row?.any === true;
  }

  /**
   * One `referral.created` delivery per live endpoint that subscribes to it, of each partner that may read
   * the referral (its municipality and area, `referrals:read`, not revoked). The payload names the referral
   * and its area only: the partner reads the rest through the API, where the read is scoped and audited.
   */
  async queueReferralDeliveries(m: EntityManager, reviewIds: readonly string[]): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(
      m,
      `INSERT INTO webhook_delivery (id, endpoint_id, event_type, subject, payload)
       SELECT gen_random_uuid(), e.id, 'referral.created', rf.id::text,
              jsonb_build_object('referralId', rf.id, 'area', jsonb_build_object('code', a.code, 'name', a.name), 'createdAt', ${ISO('rf.created_at')})
       FROM referral rf
       JOIN area a ON a.id = rf.area_id
       ${REFERRAL_SUBSCRIBERS}
       WHERE rf.review_id = ANY($1::uuid[]) AND rf.withdrawn_at IS NULL
       ON CONFLICT ON CONSTRAINT webhook_delivery_event_key DO NOTHING
       RETURNING id`,
      [reviewIds],
    );
    return rows.map((r) => r.id);
  }

  /**
   * One `statistics.period_closed` delivery per live endpoint that subscribes to it and existed before the
   * period ended, of partners that read statistics. The unique event key makes this exactly once per
   * period and endpoint, however often and on however many instances the check runs.
   */
  async queuePeriodClosedDeliveries(m: EntityManager, period: { key: string; from: string; to: string; endsAt: Date }): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(
      m,
      `INSERT INTO webhook_delivery (id, endpoint_id, event_type, subject, payload)
       SELECT gen_random_uuid(), e.id, 'statistics.period_closed', $1::text,
              jsonb_build_object('period', $1::text, 'from', $2::text, 'to', $3::text, 'closedAt', ${ISO('$4::timestamptz')})
       FROM webhook_endpoint e
       JOIN partner_client pc ON pc.id = e.partner_client_id AND pc.revoked_at IS NULL AND 'risk_statistics:read' = ANY(pc.scopes)
       WHERE e.removed_at IS NULL AND 'statistics.period_closed' = ANY(e.events) AND e.created_at < $4::timestamptz
       ON CONFLICT ON CONSTRAINT webhook_delivery_event_key DO NOTHING
       RETURNING id`,
      [period.key, period.from, period.to, period.endsAt],
    );
    return rows.map((r) => r.id);
  }

  async outgoing(id: string): Promise<OutgoingDelivery | null> {
    const row = await queryRow<{
      id: string;
      partner_client_id: string;
      url: string;
      secret: string;
      endpoint_removed: boolean;
      partner_revoked: boolean;
      delivered: boolean;
      event_type: WebhookEvent;
      subject: string;
      payload: Record<string, unknown>;
      created_at: Date;
      care_recipient_id: string | null;
    }>(
      this.dataSource,
      `SELECT d.id, e.partner_client_id, e.url, e.secret, e.removed_at IS NOT NULL AS endpoint_removed, pc.revoked_at IS NOT NULL AS partner_revoked,
              d.status = 'delivered' AS delivered, d.event_type, d.subject, d.payload, d.created_at, r.recipient_id AS care_recipient_id
       FROM webhook_delivery d JOIN webhook_endpoint e ON e.id = d.endpoint_id JOIN partner_client pc ON pc.id = e.partner_client_id
       LEFT JOIN referral rf ON d.event_type = 'referral.created' AND rf.id::text = d.subject
       LEFT JOIN review r ON r.id = rf.review_id
       WHERE d.id = $1`,
      [id],
    );
    return (
      row && {
        id: row.id,
        partnerClientId: row.partner_client_id,
        url: row.url,
        secret: row.secret,
        endpointRemoved: row.endpoint_removed,
        partnerRevoked: row.partner_revoked,
        delivered: row.delivered,
        eventType: row.event_type,
        subject: row.subject,
        payload: row.payload,
        createdAt: new Date(row.created_at),
        careRecipientId: row.care_recipient_id,
      }
    );
  }

  /**
   * Records a successful try and, in the same statement, the audit row of what the partner was shown
   * (as a partner read: actor the client, role 'partner').
   */
  async markDelivered(d: OutgoingDelivery): Promise<void> {
    await this.dataSource.query(
      `WITH done AS (
         UPDATE webhook_delivery SET status = 'delivered', attempts = attempts + 1, last_error = NULL, last_attempt_at = now(), delivered_at = now()
         WHERE id = $1 RETURNING id
       ), audit AS (
         ${auditInsertSql(
           { actorId: '$2', actorRole: `'partner'`, requestId: 'NULL' },
           `SELECT 'read' AS action, CASE WHEN $3 = 'referral.created' THEN 'referral' ELSE 'statistics_period' END AS entity_type,
                   $4::text AS entity_id, $5::uuid AS care_recipient_id,
                   jsonb_build_object('operation', 'webhook', 'event', $3::text, 'deliveryId', $1::text) AS details FROM done`,
         )}
       )
       SELECT 1`,
      [d.id, d.partnerClientId, d.eventType, d.subject, d.careRecipientId],
    );
  }

  /** Records a failed try: 'failed' while tries remain, 'dead' after the last one. */
  async markFailed(id: string, error: string, dead: boolean): Promise<void> {
    await this.dataSource.query(
      `UPDATE webhook_delivery SET status = $3, attempts = attempts + 1, last_error = left($2, 500), last_attempt_at = now() WHERE id = $1`,
      [id, error, dead ? 'dead' : 'failed'],
    );
  }

  /** Back to 'pending' for a redelivery; false when the delivery is already queued (pending, or failed with tries left). */
  async reopen(id: string, m: EntityManager): Promise<boolean> {
    // In a CTE: TypeORM answers a bare UPDATE … RETURNING as [rows, count].
    const rows = await queryRows<{ id: string }>(
      m,
      `WITH reopened AS (UPDATE webhook_delivery SET status = 'pending' WHERE id = $1 AND status IN ('delivered', 'dead') RETURNING id) SELECT id FROM reopened`,
      [id],
    );
    return rows.length > 0;
  }
}
