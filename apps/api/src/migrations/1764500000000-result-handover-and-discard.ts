import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where a result refused by the server ends up (issue 8, "nothing disappears without a trace"):
 * - `review.handed_over_from_unit_id`: a review a worker of another unit handed over (handOverReview) is
 *   stored with its recipient's current unit, and remembers the unit it came from. Null for every review
 *   stored so far, which were all stored by their own unit.
 * - `discarded_result`: a result a phone discarded after the server refused it, with the reason, one row
 *   per client id (the idempotency key of discardResult); its recipient (a review) or action (a closing)
 *   when the caller's municipality has it. Starts empty.
 */
export class ResultHandoverAndDiscard1764500000000 implements MigrationInterface {
  name = 'ResultHandoverAndDiscard1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE review
        ADD COLUMN handed_over_from_unit_id uuid CONSTRAINT review_handed_over_from_unit_id_fkey REFERENCES unit(id),
        ADD CONSTRAINT review_handed_over_from_unit_check CHECK (handed_over_from_unit_id <> unit_id);

      CREATE TABLE discarded_result (
        client_id uuid PRIMARY KEY,
        kind text NOT NULL CONSTRAINT discarded_result_kind_check CHECK (kind IN ('review', 'action_closing')),
        recipient_id uuid CONSTRAINT discarded_result_recipient_id_fkey REFERENCES care_recipient(id),
        action_id uuid CONSTRAINT discarded_result_action_id_fkey REFERENCES follow_up_action(id),
        reason text NOT NULL CONSTRAINT discarded_result_reason_check CHECK (length(btrim(reason)) BETWEEN 1 AND 500),
        refusal_code text CONSTRAINT discarded_result_refusal_code_check CHECK (refusal_code ~ '^[A-Z_]{1,40}$'),
        discarded_by uuid NOT NULL CONSTRAINT discarded_result_discarded_by_fkey REFERENCES app_user(id),
        discarded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT discarded_result_subject_check CHECK ((kind = 'review' AND action_id IS NULL) OR (kind = 'action_closing' AND recipient_id IS NULL))
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE discarded_result;
      ALTER TABLE review DROP CONSTRAINT review_handed_over_from_unit_check, DROP COLUMN handed_over_from_unit_id;
    `);
  }
}
