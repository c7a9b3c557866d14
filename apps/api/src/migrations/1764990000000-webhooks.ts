import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Partner webhooks (issue 10 §5). An endpoint is a partner client's HTTPS URL for some events, with its
 * Standard Webhooks secret (`whsec_…`): kept in clear because signing needs it (an HMAC key, not a password).
 * A delivery is one event for one endpoint: the admin-visible record (status, attempts, last error) beside
 * the pg-boss job that carries its tries. `(endpoint_id, event_type, subject)` is unique, so an event is
 * queued once per endpoint however often the code that finds it runs (a closed statistics period is
 * found by a periodic check: its delivery row is the record that it was sent).
 */
export class Webhooks1764990000000 implements MigrationInterface {
  name = 'Webhooks1764990000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook_endpoint (
        id uuid PRIMARY KEY,
        partner_client_id uuid NOT NULL CONSTRAINT webhook_endpoint_partner_client_id_fkey REFERENCES partner_client(id),
        url text NOT NULL CONSTRAINT webhook_endpoint_url_check CHECK (length(url) BETWEEN 8 AND 2000),
        events text[] NOT NULL CONSTRAINT webhook_endpoint_events_check
          CHECK (cardinality(events) >= 1 AND events <@ ARRAY['referral.created', 'statistics.period_closed']::text[]),
        secret text NOT NULL CONSTRAINT webhook_endpoint_secret_check CHECK (secret LIKE 'whsec_%'),
        created_by uuid NOT NULL CONSTRAINT webhook_endpoint_created_by_fkey REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        removed_at timestamptz
      );
      CREATE INDEX webhook_endpoint_partner_idx ON webhook_endpoint (partner_client_id) WHERE removed_at IS NULL;

      CREATE TABLE webhook_delivery (
        id uuid PRIMARY KEY,
        endpoint_id uuid NOT NULL CONSTRAINT webhook_delivery_endpoint_id_fkey REFERENCES webhook_endpoint(id),
        event_type text NOT NULL CONSTRAINT webhook_delivery_event_type_check CHECK (event_type IN ('referral.created', 'statistics.period_closed')),
        subject text NOT NULL CONSTRAINT webhook_delivery_subject_check CHECK (length(subject) BETWEEN 1 AND 100),
        payload jsonb NOT NULL,
        status text NOT NULL DEFAULT 'pending' CONSTRAINT webhook_delivery_status_check CHECK (status IN ('pending', 'delivered', 'failed', 'dead')),
        attempts integer NOT NULL DEFAULT 0 CONSTRAINT webhook_delivery_attempts_check CHECK (attempts >= 0),
        last_error text CONSTRAINT webhook_delivery_last_error_check CHECK (length(last_error) <= 500),
        last_attempt_at timestamptz,
        delivered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT webhook_delivery_event_key UNIQUE (endpoint_id, event_type, subject)
      );
      CREATE INDEX webhook_delivery_created_idx ON webhook_delivery (created_at, id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_delivery, webhook_endpoint`);
  }
}
