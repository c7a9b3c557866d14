import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The fingerprint of what a phone sent when it finished a review (an idempotency key's content, as Stripe
 * keeps it): the same client id sent again with other content is answered CONFLICT, not ALREADY_STORED.
 * Reviews stored before this migration have none and are answered ALREADY_STORED, as they were.
 */
export class ReviewSubmissionFingerprint1764300000000 implements MigrationInterface {
  name = 'ReviewSubmissionFingerprint1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE review ADD COLUMN submission_fingerprint text CHECK (submission_fingerprint ~ '^[0-9a-f]{64}$')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE review DROP COLUMN submission_fingerprint`);
  }
}
