import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The review's columns but its keys and the repeat link, as the migrations made them (the same before and after). */
const REVIEW_COLUMN_DEFINITIONS = `device_id text CONSTRAINT review_device_id_check CHECK (length(device_id) <= 100),
        recipient_id uuid NOT NULL CONSTRAINT review_recipient_id_fkey REFERENCES care_recipient(id),
        unit_id uuid NOT NULL CONSTRAINT review_unit_id_fkey REFERENCES unit(id),
        area_id uuid NOT NULL CONSTRAINT review_area_id_fkey REFERENCES area(id),
        template_version_id uuid NOT NULL CONSTRAINT review_template_version_id_fkey REFERENCES template_version(id),
        status text NOT NULL CONSTRAINT review_status_check CHECK (status IN ('offered', 'declined', 'in_progress', 'completed')),
        decline_reason text CONSTRAINT review_decline_reason_check CHECK (length(decline_reason) <= 500),
        answers jsonb NOT NULL DEFAULT '{}'::jsonb CONSTRAINT review_answers_check CHECK (jsonb_typeof(answers) = 'object'),
        consent_to_share boolean NOT NULL DEFAULT false,
        performed_by uuid NOT NULL CONSTRAINT review_performed_by_fkey REFERENCES app_user(id),
        offered_at timestamptz NOT NULL,
        performed_at timestamptz,
        received_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        submission_fingerprint text CONSTRAINT review_submission_fingerprint_check CHECK (submission_fingerprint ~ '^[0-9a-f]{64}$'),`;

/** The review's checks across columns. */
const REVIEW_CHECKS = `CONSTRAINT review_check CHECK ((status = 'declined') = (decline_reason IS NOT NULL)),
        CONSTRAINT review_check1 CHECK (status NOT IN ('declined', 'completed') OR performed_at IS NOT NULL),
        CONSTRAINT review_repeat_of_other CHECK (repeat_of <> id),
        CONSTRAINT review_handed_over_from_unit_check CHECK (handed_over_from_unit_id <> unit_id)`;

/** The review's secondary indexes (on a partitioned table, made on every partition). */
const REVIEW_INDEXES = `CREATE INDEX review_unit_offered_idx ON review (unit_id, offered_at DESC, id DESC);
      CREATE INDEX review_recipient_idx ON review (recipient_id, offered_at DESC);
      CREATE INDEX review_offered_idx ON review (offered_at DESC, id DESC);
      CREATE INDEX review_recipient_completed_idx ON review (recipient_id, performed_at) WHERE status = 'completed';`;

/** The indicator rollup's statement triggers on review (migration 1765050000000). */
const INDICATOR_TRIGGERS = `CREATE TRIGGER indicator_fact_review_insert AFTER INSERT ON review REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION indicator_fact_on_review();
      CREATE TRIGGER indicator_fact_review_update AFTER UPDATE ON review REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION indicator_fact_on_review();
      CREATE TRIGGER indicator_fact_review_delete AFTER DELETE ON review REFERENCING OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION indicator_fact_on_review();`;

/**
 * Reviews partitioned by month (issue 11 §7; docs/scaling.md § Reviews partitioned by month). `review`
 * (its answers are a JSONB column of it) becomes a table partitioned by range of `offered_at`, one partition
 * per calendar month (UTC bounds) and a default partition for anything outside them, so a month's rows and
 * indexes are vacuumed, backed up and, one day, archived on their own.
 *
 * A partitioned table's unique keys must hold the partition key, so:
 * - the primary key is `(id, offered_at)`; a review's id is still unique, since it is always made afresh;
 * - a client id (the offline sync's idempotency key) must be unique across every month, which no index of a
 *   partitioned table can say: `review_receipt` keeps each client id once, with its review and month. A
 *   review's row claims its client id there before it is stored (a row trigger), and a row whose client id is
 *   claimed already is skipped, as `ON CONFLICT (client_id) DO NOTHING` did. The claim waits for a
 *   concurrent claim of the same client id and skips once it commits, so two deliveries of one review never
 *   store two;
 * - the tables that refer to a review carry its month beside its id (`review_offered_at`, and
 *   `repeat_of_offered_at` for the period's original), so their foreign keys hold and a lookup reads one
 *   month. A writer that does not say the month gets it from the review (a row trigger that runs only then).
 *
 * Months are made ahead by `review_ensure_month_partitions` (at the API's start and with its periodic housekeeping,
 * reviews/review-partitions.ts);
 * a month that already has rows in the default partition is left there (moving them would need the foreign
 * keys dropped), and its rows are found all the same.
 */
export class ReviewPartitions1765190000000 implements MigrationInterface {
  name = 'ReviewPartitions1765190000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE identified_risk DROP CONSTRAINT identified_risk_review_id_fkey;
      ALTER TABLE follow_up_action DROP CONSTRAINT follow_up_action_review_id_fkey;
      ALTER TABLE referral DROP CONSTRAINT referral_review_id_fkey;
      DROP TRIGGER indicator_fact_review_insert ON review;
      DROP TRIGGER indicator_fact_review_update ON review;
      DROP TRIGGER indicator_fact_review_delete ON review;
      ALTER TABLE review RENAME TO review_unpartitioned;
      ALTER INDEX review_pkey RENAME TO review_unpartitioned_pkey;
      ALTER INDEX review_client_id_key RENAME TO review_unpartitioned_client_id_key;
      ALTER INDEX review_unit_offered_idx RENAME TO review_unpartitioned_unit_offered_idx;
      ALTER INDEX review_recipient_idx RENAME TO review_unpartitioned_recipient_idx;
      ALTER INDEX review_offered_idx RENAME TO review_unpartitioned_offered_idx;
      ALTER INDEX review_recipient_completed_idx RENAME TO review_unpartitioned_recipient_completed_idx;

      CREATE TABLE review (
        id uuid NOT NULL,
        client_id uuid NOT NULL,
        ${REVIEW_COLUMN_DEFINITIONS}
        repeat_of uuid,
        repeat_reason text CONSTRAINT review_repeat_reason_check CHECK (length(repeat_reason) <= 500),
        handed_over_from_unit_id uuid CONSTRAINT review_handed_over_from_unit_id_fkey REFERENCES unit(id),
        repeat_of_offered_at timestamptz,
        CONSTRAINT review_pkey PRIMARY KEY (id, offered_at),
        ${REVIEW_CHECKS},
        CONSTRAINT review_repeat_of_month CHECK ((repeat_of IS NULL) = (repeat_of_offered_at IS NULL))
      ) PARTITION BY RANGE (offered_at);
      CREATE TABLE review_default PARTITION OF review DEFAULT;

      -- One partition per month from p_from's month up to (not including) p_to's; months that exist, or have rows
      -- in the default partition, are left as they are. Answers how many it made. Creating a partition locks the
      -- table for a moment: it waits at most 5 s for running statements, and runs one at a time.
      CREATE FUNCTION review_ensure_month_partitions(p_from timestamptz, p_to timestamptz) RETURNS integer LANGUAGE plpgsql AS $fn$
      DECLARE
        m timestamp := date_trunc('month', p_from AT TIME ZONE 'UTC');
        made integer := 0;
        part text;
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtext('review_ensure_month_partitions'));
        PERFORM set_config('lock_timeout', '5s', true);
        WHILE (m AT TIME ZONE 'UTC') < p_to LOOP
          part := 'review_' || to_char(m, 'YYYY_MM');
          IF to_regclass(part) IS NULL AND NOT EXISTS (
            SELECT 1 FROM review_default WHERE offered_at >= (m AT TIME ZONE 'UTC') AND offered_at < ((m + interval '1 month') AT TIME ZONE 'UTC')
          ) THEN
            EXECUTE format('CREATE TABLE %I PARTITION OF review FOR VALUES FROM (%L) TO (%L)',
                           part, m AT TIME ZONE 'UTC', (m + interval '1 month') AT TIME ZONE 'UTC');
            made := made + 1;
          END IF;
          m := m + interval '1 month';
        END LOOP;
        RETURN made;
      END
      $fn$;
      -- The last twelve months and four ahead, and each month that has reviews (one stray date makes one month, not all between).
      SELECT review_ensure_month_partitions(now() - interval '12 months', now() + interval '4 months');
      SELECT review_ensure_month_partitions(m, m + interval '1 month')
      FROM (SELECT DISTINCT date_trunc('month', offered_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS m FROM review_unpartitioned) months;

      INSERT INTO review (id, client_id, device_id, recipient_id, unit_id, area_id, template_version_id, status, decline_reason,
                          answers, consent_to_share, performed_by, offered_at, performed_at, received_at, updated_at,
                          submission_fingerprint, repeat_of, repeat_reason, handed_over_from_unit_id, repeat_of_offered_at)
      SELECT r.id, r.client_id, r.device_id, r.recipient_id, r.unit_id, r.area_id, r.template_version_id, r.status, r.decline_reason,
             r.answers, r.consent_to_share, r.performed_by, r.offered_at, r.performed_at, r.received_at, r.updated_at,
             r.submission_fingerprint, r.repeat_of, r.repeat_reason, r.handed_over_from_unit_id, o.offered_at
      FROM review_unpartitioned r LEFT JOIN review_unpartitioned o ON o.id = r.repeat_of;

      ${REVIEW_INDEXES}
      ALTER TABLE review ADD CONSTRAINT review_repeat_of_fkey FOREIGN KEY (repeat_of, repeat_of_offered_at) REFERENCES review (id, offered_at) ON UPDATE CASCADE;

      CREATE TABLE review_receipt (
        client_id uuid CONSTRAINT review_receipt_pkey PRIMARY KEY,
        review_id uuid NOT NULL,
        offered_at timestamptz NOT NULL,
        CONSTRAINT review_receipt_review_fkey FOREIGN KEY (review_id, offered_at) REFERENCES review (id, offered_at) ON UPDATE CASCADE ON DELETE CASCADE
          -- Checked at commit: the claim is written before its review's row (review_claim_client_id).
          DEFERRABLE INITIALLY DEFERRED
      );
      CREATE INDEX review_receipt_review_idx ON review_receipt (review_id);
      INSERT INTO review_receipt (client_id, review_id, offered_at) SELECT client_id, id, offered_at FROM review;

      DROP TABLE review_unpartitioned;
    `);

    // A review row claims its client id; one claimed already is skipped (the sync's exactly-once).
    await q.query(`
      CREATE FUNCTION review_claim_client_id() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        INSERT INTO review_receipt (client_id, review_id, offered_at) VALUES (NEW.client_id, NEW.id, NEW.offered_at)
          ON CONFLICT (client_id) DO NOTHING;
        -- Claimed already: skipped, unless by this very review moving to another month (an UPDATE of offered_at
        -- is a delete and an insert; the receipt and the references follow by ON UPDATE CASCADE).
        IF NOT FOUND AND NOT EXISTS (SELECT 1 FROM review_receipt WHERE client_id = NEW.client_id AND review_id = NEW.id) THEN
          RETURN NULL;
        END IF;
        RETURN NEW;
      END
      $fn$;
      CREATE TRIGGER review_claim_client_id BEFORE INSERT ON review FOR EACH ROW EXECUTE FUNCTION review_claim_client_id();
      -- A client id never changes: the receipt holds it.
      CREATE FUNCTION review_client_id_fixed() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        RAISE EXCEPTION 'a review''s client id does not change' USING ERRCODE = 'integrity_constraint_violation';
      END
      $fn$;
      CREATE TRIGGER review_client_id_fixed BEFORE UPDATE OF client_id ON review FOR EACH ROW
        WHEN (NEW.client_id IS DISTINCT FROM OLD.client_id) EXECUTE FUNCTION review_client_id_fixed();
      ${INDICATOR_TRIGGERS}
    `);

    // The references carry the review's month.
    await q.query(`
      CREATE FUNCTION review_offered_at_of_review() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        NEW.review_offered_at := (SELECT offered_at FROM review WHERE id = NEW.review_id);
        RETURN NEW;
      END
      $fn$;
    `);
    for (const table of ['identified_risk', 'follow_up_action', 'referral']) {
      await q.query(`
        ALTER TABLE ${table} ADD COLUMN review_offered_at timestamptz;
        UPDATE ${table} t SET review_offered_at = r.offered_at FROM review r WHERE r.id = t.review_id;
        ALTER TABLE ${table} ALTER COLUMN review_offered_at SET NOT NULL;
        ALTER TABLE ${table} ADD CONSTRAINT ${table}_review_fkey FOREIGN KEY (review_id, review_offered_at) REFERENCES review (id, offered_at) ON UPDATE CASCADE;
        CREATE TRIGGER ${table}_review_offered_at BEFORE INSERT ON ${table} FOR EACH ROW WHEN (NEW.review_offered_at IS NULL)
          EXECUTE FUNCTION review_offered_at_of_review();
      `);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['identified_risk', 'follow_up_action', 'referral']) {
      await q.query(`
        DROP TRIGGER ${table}_review_offered_at ON ${table};
        ALTER TABLE ${table} DROP CONSTRAINT ${table}_review_fkey;
        ALTER TABLE ${table} DROP COLUMN review_offered_at;
      `);
    }
    await q.query(`
      DROP FUNCTION review_offered_at_of_review();
      ALTER TABLE review RENAME TO review_partitioned;
      ALTER INDEX review_pkey RENAME TO review_partitioned_pkey;
      ALTER INDEX review_unit_offered_idx RENAME TO review_partitioned_unit_offered_idx;
      ALTER INDEX review_recipient_idx RENAME TO review_partitioned_recipient_idx;
      ALTER INDEX review_offered_idx RENAME TO review_partitioned_offered_idx;
      ALTER INDEX review_recipient_completed_idx RENAME TO review_partitioned_recipient_completed_idx;
      CREATE TABLE review (
        id uuid PRIMARY KEY,
        client_id uuid NOT NULL CONSTRAINT review_client_id_key UNIQUE,
        ${REVIEW_COLUMN_DEFINITIONS}
        repeat_of uuid CONSTRAINT review_repeat_of_fkey REFERENCES review(id),
        repeat_reason text CONSTRAINT review_repeat_reason_check CHECK (length(repeat_reason) <= 500),
        handed_over_from_unit_id uuid CONSTRAINT review_handed_over_from_unit_id_fkey REFERENCES unit(id),
        ${REVIEW_CHECKS}
      );
      ALTER TABLE review DROP CONSTRAINT review_repeat_of_fkey;
      INSERT INTO review SELECT id, client_id, device_id, recipient_id, unit_id, area_id, template_version_id, status, decline_reason,
                                answers, consent_to_share, performed_by, offered_at, performed_at, received_at, updated_at,
                                submission_fingerprint, repeat_of, repeat_reason, handed_over_from_unit_id
                         FROM review_partitioned;
      ALTER TABLE review ADD CONSTRAINT review_repeat_of_fkey FOREIGN KEY (repeat_of) REFERENCES review(id);
      ${REVIEW_INDEXES}
      DROP TABLE review_receipt;
      DROP TABLE review_partitioned;
      DROP FUNCTION review_claim_client_id(), review_client_id_fixed(), review_ensure_month_partitions(timestamptz, timestamptz);
      ALTER TABLE identified_risk ADD CONSTRAINT identified_risk_review_id_fkey FOREIGN KEY (review_id) REFERENCES review(id);
      ALTER TABLE follow_up_action ADD CONSTRAINT follow_up_action_review_id_fkey FOREIGN KEY (review_id) REFERENCES review(id);
      ALTER TABLE referral ADD CONSTRAINT referral_review_id_fkey FOREIGN KEY (review_id) REFERENCES review(id);
      ${INDICATOR_TRIGGERS}
    `);
  }
}
