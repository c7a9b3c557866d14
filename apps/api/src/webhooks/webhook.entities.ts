import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';
import { PartnerClientRow } from '../partners/partner-client.entity.js';
import { User } from '../users/user.entity.js';

/*
 * The webhook tables as TypeORM sees them (entities-match-migrations.test.ts holds them to the migration).
 * Reads and writes go through webhook.repository.ts in SQL; the GraphQL shapes are in webhook.types.ts.
 */

@Entity('webhook_endpoint')
@Index('webhook_endpoint_partner_idx', ['partnerClientId'], { where: 'removed_at IS NULL' })
@Check('webhook_endpoint_url_check', 'length(url) BETWEEN 8 AND 2000')
@Check('webhook_endpoint_events_check', "cardinality(events) >= 1 AND events <@ ARRAY['referral.created', 'statistics.period_closed']::text[]")
@Check('webhook_endpoint_secret_check', "secret LIKE 'whsec_%'")
export class WebhookEndpointRow {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'partner_client_id' })
  @ForeignKey(() => PartnerClientRow, { name: 'webhook_endpoint_partner_client_id_fkey' })
  partnerClientId: string;

  @Column({ type: 'text' })
  url: string;

  @Column({ type: 'text', array: true })
  events: string[];

  /** The Standard Webhooks signing key (`whsec_…`), in clear: signing needs it. */
  @Column({ type: 'text' })
  secret: string;

  @Column({ type: 'uuid', name: 'created_by' })
  @ForeignKey(() => User, { name: 'webhook_endpoint_created_by_fkey' })
  createdBy: string;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', name: 'removed_at', nullable: true })
  removedAt: Date | null;
}

@Entity('webhook_delivery')
@Index('webhook_delivery_created_idx', ['createdAt', 'id'])
@Unique('webhook_delivery_event_key', ['endpointId', 'eventType', 'subject'])
@Check('webhook_delivery_event_type_check', "event_type IN ('referral.created', 'statistics.period_closed')")
@Check('webhook_delivery_subject_check', 'length(subject) BETWEEN 1 AND 100')
@Check('webhook_delivery_status_check', "status IN ('pending', 'delivered', 'failed', 'dead')")
@Check('webhook_delivery_attempts_check', 'attempts >= 0')
@Check('webhook_delivery_last_error_check', 'length(last_error) <= 500')
export class WebhookDeliveryRow {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'endpoint_id' })
  @ForeignKey(() => WebhookEndpointRow, { name: 'webhook_delivery_endpoint_id_fkey' })
  endpointId: string;

  @Column({ type: 'text', name: 'event_type' })
  eventType: string;

  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Column({ type: 'text', default: 'pending' })
  status: string;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'text', name: 'last_error', nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz', name: 'last_attempt_at', nullable: true })
  lastAttemptAt: Date | null;

  @Column({ type: 'timestamptz', name: 'delivered_at', nullable: true })
  deliveredAt: Date | null;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
