import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A second review of the same care recipient, with the same checklist, in the same period (a calendar
 * year, as `reviewStatus` counts it) is kept, because it can be right (after a move or an incident), but
 * recognisably: `repeat_of` points at the period's original (the first review of the period stored), and
 * `repeat_reason` says why the worker made another, when the phone asked. Indicators count a recipient once
 * per period; the originals are the reviews whose `repeat_of` is NULL.
 *
 * Rows already there: completed and declined reviews are grouped by recipient, template and year (of
 * `offered_at`, in the database's time zone, as the period queries read it); in each group the one offered
 * first stays the original and every later one is linked to it, with no reason (none was asked for).
 * Offered and in-progress reviews are left alone: they are not finished.
 */
export class ReviewRepeat1764400000000 implements MigrationInterface {
  name = 'ReviewRepeat1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE review
        ADD COLUMN repeat_of uuid REFERENCES review(id),
        ADD COLUMN repeat_reason text CHECK (length(repeat_reason) <= 500),
        ADD CONSTRAINT review_repeat_of_other CHECK (repeat_of <> id);

      WITH ranked AS (
        SELECT r.id, first_value(r.id) OVER w AS original, row_number() OVER w AS n
        FROM review r JOIN template_version v ON v.id = r.template_version_id
        WHERE r.status IN ('completed', 'declined')
        WINDOW w AS (PARTITION BY r.recipient_id, v.template_id, date_trunc('year', r.offered_at) ORDER BY r.offered_at, r.id)
      )
      UPDATE review r SET repeat_of = ranked.original FROM ranked WHERE ranked.id = r.id AND ranked.n > 1;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE review DROP COLUMN repeat_reason, DROP COLUMN repeat_of`);
  }
}
