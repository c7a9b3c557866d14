import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11 §5–6. Erasure keeps a care recipient's row as a de-identified stub (`erased_at` set, reference
 * replaced, no address), so their reviews still count in indicators by unit, area and housing type
 * (docs/data-protection.md). The daily log review stores what it flagged, one row per user, day and rule,
 * and who looked at it.
 */
export class DataProtection1765020000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE care_recipient ADD COLUMN erased_at timestamptz;

      CREATE TABLE access_review_flag (
        id uuid PRIMARY KEY,
        municipality_id uuid NOT NULL CONSTRAINT access_review_flag_municipality_id_fkey REFERENCES municipality(id),
        day date NOT NULL,
        actor_id uuid NOT NULL CONSTRAINT access_review_flag_actor_id_fkey REFERENCES app_user(id),
        kind text NOT NULL CONSTRAINT access_review_flag_kind_check CHECK (kind IN ('outside_unit', 'odd_hours', 'bulk')),
        reads integer NOT NULL,
        recipients integer NOT NULL,
        first_at timestamptz NOT NULL,
        last_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        reviewed_by uuid CONSTRAINT access_review_flag_reviewed_by_fkey REFERENCES app_user(id),
        reviewed_at timestamptz,
        review_note text CONSTRAINT access_review_flag_review_note_check CHECK (length(review_note) <= 1000),
        CONSTRAINT access_review_flag_day_actor_kind_key UNIQUE (municipality_id, day, actor_id, kind),
        CONSTRAINT access_review_flag_reviewed_check CHECK ((reviewed_at IS NULL) = (reviewed_by IS NULL))
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE access_review_flag; ALTER TABLE care_recipient DROP COLUMN erased_at;`);
  }
}
