import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Roles from the identity provider, users awaiting a role, and what a user sees of their own sessions.
 * - `app_user.role` may be NULL: a person created at their first sign-in through the provider whom no
 *   mapping matched. Such a user has no unit, no administration and never gets a session ("awaiting a
 *   role") until an admin assigns one. The scope check keeps its three cases and gains this fourth.
 * - `app_user.role_source`: who set the role, `admin` (by hand, and every user before this migration: the
 *   default, so an insert that names a role and not its source stays valid) or `mapping` (the role-mapping
 *   table at sign-in). NULL exactly when the role is. A role that came from a mapping goes when no mapping
 *   matches any more; one an admin set stays.
 * - `role_mapping`: a claim value (a group or role id) → role and unit or administration, per municipality.
 * - `identity_setting`: per municipality, which claim carries the values, and whether an unknown person
 *   is created at first sign-in.
 * - `session_sign_in.user_agent`: the browser that began a session, for "Mina sessioner".
 */
export class UserLifecycle1765060000000 implements MigrationInterface {
  name = 'UserLifecycle1765060000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE app_user ALTER COLUMN role DROP NOT NULL;
      ALTER TABLE app_user ADD COLUMN role_source text DEFAULT 'admin' CONSTRAINT app_user_role_source_check CHECK (role_source IN ('admin', 'mapping'));
      ALTER TABLE app_user DROP CONSTRAINT app_user_check;
      ALTER TABLE app_user ADD CONSTRAINT app_user_check CHECK (
        (role IN ('staff', 'unit_manager') AND unit_id IS NOT NULL AND administration_id IS NULL) OR
        (role = 'quality_coordinator' AND administration_id IS NOT NULL AND unit_id IS NULL) OR
        (role = 'admin' AND unit_id IS NULL AND administration_id IS NULL) OR
        (role IS NULL AND unit_id IS NULL AND administration_id IS NULL)
      );
      ALTER TABLE app_user ADD CONSTRAINT app_user_role_source_present_check CHECK ((role IS NULL) = (role_source IS NULL));

      CREATE TABLE role_mapping (
        id uuid PRIMARY KEY,
        municipality_id uuid NOT NULL CONSTRAINT role_mapping_municipality_id_fkey REFERENCES municipality(id),
        claim_value text NOT NULL CONSTRAINT role_mapping_claim_value_check CHECK (length(claim_value) BETWEEN 1 AND 300),
        role text NOT NULL CONSTRAINT role_mapping_role_check CHECK (role IN ('staff', 'unit_manager', 'quality_coordinator', 'admin')),
        unit_id uuid CONSTRAINT role_mapping_unit_id_fkey REFERENCES unit(id),
        administration_id uuid CONSTRAINT role_mapping_administration_id_fkey REFERENCES administration(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT role_mapping_municipality_id_claim_value_key UNIQUE (municipality_id, claim_value),
        CONSTRAINT role_mapping_check CHECK (
          (role IN ('staff', 'unit_manager') AND unit_id IS NOT NULL AND administration_id IS NULL) OR
          (role = 'quality_coordinator' AND administration_id IS NOT NULL AND unit_id IS NULL) OR
          (role = 'admin' AND unit_id IS NULL AND administration_id IS NULL)
        )
      );

      CREATE TABLE identity_setting (
        municipality_id uuid PRIMARY KEY CONSTRAINT identity_setting_municipality_id_fkey REFERENCES municipality(id),
        role_claim text NOT NULL DEFAULT 'groups' CONSTRAINT identity_setting_role_claim_check CHECK (length(role_claim) BETWEEN 1 AND 100),
        auto_create boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      ALTER TABLE session_sign_in ADD COLUMN user_agent text CONSTRAINT session_sign_in_user_agent_check CHECK (length(user_agent) <= 300);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE session_sign_in DROP COLUMN user_agent;
      DROP TABLE identity_setting;
      DROP TABLE role_mapping;
      DELETE FROM refresh_token WHERE user_id IN (SELECT id FROM app_user WHERE role IS NULL);
      DELETE FROM session_sign_in WHERE user_id IN (SELECT id FROM app_user WHERE role IS NULL);
      DELETE FROM sign_in_handoff WHERE user_id IN (SELECT id FROM app_user WHERE role IS NULL);
      DELETE FROM app_user WHERE role IS NULL;
      ALTER TABLE app_user DROP CONSTRAINT app_user_role_source_present_check;
      ALTER TABLE app_user DROP CONSTRAINT app_user_check;
      ALTER TABLE app_user ADD CONSTRAINT app_user_check CHECK (
        (role IN ('staff', 'unit_manager') AND unit_id IS NOT NULL AND administration_id IS NULL) OR
        (role = 'quality_coordinator' AND administration_id IS NOT NULL AND unit_id IS NULL) OR
        (role = 'admin' AND unit_id IS NULL AND administration_id IS NULL)
      );
      ALTER TABLE app_user DROP COLUMN role_source;
      ALTER TABLE app_user ALTER COLUMN role SET NOT NULL;
    `);
  }
}
