import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Actions agreed during a review are owned by the staff member who agreed them with the client, so they
 * appear in that worker's list ("Mina åtgärder"). Until now `submitReviews` stored them without an owner,
 * and they appeared in nobody's list until a manager assigned them.
 *
 * Rows already there: an unowned action that was agreed during its review (written by the review's
 * performer, `created_by = performed_by`) gets the performer as owner, open and closed ones alike, when
 * the performer is still an active user of the action's unit (the rule `assignFollowUpAction` keeps for an
 * owner); the others stay with their unit for its manager to assign. Actions that already have an owner
 * keep it. Each change is written to the audit log, with no actor (the system) and the migration's name.
 *
 * `down` leaves owners as they are: an owner given here cannot be told apart from one given later by a
 * manager or by `submitReviews`, and removing an owner would hide actions from the staff who have them.
 */
export class ReviewActionOwner1764600000000 implements MigrationInterface {
  name = 'ReviewActionOwner1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      WITH owned AS (
        UPDATE follow_up_action a SET owner_id = r.performed_by
        FROM review r, app_user u
        WHERE r.id = a.review_id AND u.id = r.performed_by
          AND a.owner_id IS NULL AND a.created_by = r.performed_by AND u.active AND u.unit_id = a.unit_id
        RETURNING a.id, a.owner_id, r.recipient_id
      )
      INSERT INTO audit_event (actor_id, actor_role, request_id, action, entity_type, entity_id, care_recipient_id, details)
      SELECT NULL, NULL, NULL, 'update', 'follow_up_action', o.id::text, o.recipient_id,
             jsonb_build_object('ownerId', o.owner_id, 'via', 'migration ${this.name}')
      FROM owned o
    `);
  }

  async down(): Promise<void> {
    // Nothing to undo safely: see the class comment.
  }
}
