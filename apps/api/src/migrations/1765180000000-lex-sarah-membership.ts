import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Membership of the lex Sarah group follows the role (docs/deviations.md § The lex Sarah group). Only
 * active unit managers and quality coordinators may receive lex Sarah reports, but until now a member
 * given another role, or deactivated, stayed in the group and went on reading reports' content. Roles
 * change by more than one path (an admin's assignment, deactivation, the municipal sign-in's role
 * mapping), so the rule sits on the table: an update that leaves the user outside those roles, inactive
 * or in another municipality ends the membership in the same transaction. That role change is itself
 * audited; the membership's end follows from it by this rule. Members who already fall outside are removed.
 */
export class LexSarahMembership1765180000000 implements MigrationInterface {
  name = 'LexSarahMembership1765180000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION lex_sarah_membership_follows_role() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NOT NEW.active OR NEW.role IS NULL OR NEW.role NOT IN ('unit_manager', 'quality_coordinator')
           OR NEW.municipality_id IS DISTINCT FROM OLD.municipality_id THEN
          DELETE FROM lex_sarah_receiver WHERE user_id = NEW.id;
        END IF;
        RETURN NULL;
      END $$;
      CREATE TRIGGER app_user_lex_sarah_membership AFTER UPDATE OF role, active, municipality_id ON app_user
        FOR EACH ROW EXECUTE FUNCTION lex_sarah_membership_follows_role();
      DELETE FROM lex_sarah_receiver r USING app_user u
        WHERE u.id = r.user_id AND (NOT u.active OR u.role IS NULL OR u.role NOT IN ('unit_manager', 'quality_coordinator'));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER app_user_lex_sarah_membership ON app_user; DROP FUNCTION lex_sarah_membership_follows_role();`);
  }
}
