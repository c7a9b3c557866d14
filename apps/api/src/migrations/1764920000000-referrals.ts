import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Referrals to the fire service (issue 10 §3): one per completed review whose client consented and that
 * found at least one risk marked reportable. It holds what the fire service may see and nothing else: the
 * address (copied when the review is stored, since the recipient's record may change later), the housing
 * type, and the reportable risks as `[{itemKey, category, severity}]`.
 *
 * Partners read referrals by a cursor over `(tx, seq)`: `tx` is the writing transaction's id (the 64-bit
 * xid8, kept as bigint: TypeORM has no xid8, and 2^63 transactions are never reached), and the
 * feed only shows rows of transactions older than every transaction still running, so a referral that
 * commits late can never land behind a cursor a partner already holds (a plain sequence can: numbers are
 * taken in one order and committed in another).
 *
 * Withdrawn consent (`withdrawn_at`) takes the referral out of every partner's view and clears the address
 * and the risks: the row stays only so the unit keeps the trace of what was shared and answered.
 */
export class Referrals1764920000000 implements MigrationInterface {
  name = 'Referrals1764920000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- The writing transaction's id as bigint, in a function of its own (a default without casts, as TypeORM reads defaults).
      CREATE FUNCTION referral_current_tx() RETURNS bigint LANGUAGE sql VOLATILE AS $$ SELECT pg_current_xact_id()::text::bigint $$;
      CREATE TABLE referral (
        id uuid PRIMARY KEY,
        seq bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT referral_seq_key UNIQUE,
        tx bigint NOT NULL DEFAULT referral_current_tx(),
        review_id uuid NOT NULL CONSTRAINT referral_review_id_key UNIQUE CONSTRAINT referral_review_id_fkey REFERENCES review(id),
        municipality_id uuid NOT NULL CONSTRAINT referral_municipality_id_fkey REFERENCES municipality(id),
        area_id uuid NOT NULL CONSTRAINT referral_area_id_fkey REFERENCES area(id),
        address text CONSTRAINT referral_address_check CHECK (length(address) <= 300),
        housing_type text NOT NULL CONSTRAINT referral_housing_type_check CHECK (housing_type IN ('rented_flat', 'owned_flat', 'house', 'other')),
        risks jsonb NOT NULL CONSTRAINT referral_risks_check CHECK (jsonb_typeof(risks) = 'array'),
        created_at timestamptz NOT NULL DEFAULT now(),
        outcome text CONSTRAINT referral_outcome_check CHECK (outcome IN ('contacted_landlord', 'home_visit_booked', 'no_action')),
        acknowledged_by uuid CONSTRAINT referral_acknowledged_by_fkey REFERENCES partner_client(id),
        acknowledged_at timestamptz,
        withdrawn_at timestamptz,
        withdrawn_by uuid CONSTRAINT referral_withdrawn_by_fkey REFERENCES app_user(id),
        CONSTRAINT referral_ack_check CHECK ((outcome IS NULL) = (acknowledged_at IS NULL) AND (outcome IS NULL) = (acknowledged_by IS NULL)),
        CONSTRAINT referral_withdrawn_check CHECK (withdrawn_at IS NULL OR (address IS NULL AND risks = '[]'::jsonb))
      );
      CREATE INDEX referral_feed_idx ON referral (municipality_id, tx, seq) WHERE withdrawn_at IS NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE referral`);
    await q.query(`DROP FUNCTION referral_current_tx()`);
  }
}
