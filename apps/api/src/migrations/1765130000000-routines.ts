import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Processes and routines (processer och rutiner, SOSFS 2011:9 ch. 4; docs/routines.md).
 * - `routine_process` → `process_activity` → `routine`: the municipality's register. A routine belongs to
 *   one unit, or to the whole municipality when `unit_id` is null; it has an owner, a version that grows
 *   when what staff read changes, a review date, and optional links to a goal and a checklist template or
 *   one of its items (by template and item key, so it stays linked across template versions).
 * - `routine_confirmation`: a user's "read and understood" of one version, keyed by the id the phone made,
 *   so a confirmation sent twice from the outbox is stored once; one per user and version.
 * New tables: no existing rows are touched.
 */
export class Routines1765130000000 implements MigrationInterface {
  name = 'Routines1765130000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE routine_process (
        id uuid PRIMARY KEY,
        municipality_id uuid NOT NULL CONSTRAINT routine_process_municipality_id_fkey REFERENCES municipality(id),
        name text NOT NULL CONSTRAINT routine_process_name_check CHECK (length(name) BETWEEN 1 AND 200),
        description text CONSTRAINT routine_process_description_check CHECK (length(description) BETWEEN 1 AND 2000),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX routine_process_municipality_idx ON routine_process (municipality_id);

      CREATE TABLE process_activity (
        id uuid PRIMARY KEY,
        process_id uuid NOT NULL CONSTRAINT process_activity_process_id_fkey REFERENCES routine_process(id),
        name text NOT NULL CONSTRAINT process_activity_name_check CHECK (length(name) BETWEEN 1 AND 200),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX process_activity_process_idx ON process_activity (process_id);

      CREATE TABLE routine (
        id uuid PRIMARY KEY,
        municipality_id uuid NOT NULL CONSTRAINT routine_municipality_id_fkey REFERENCES municipality(id),
        activity_id uuid NOT NULL CONSTRAINT routine_activity_id_fkey REFERENCES process_activity(id),
        unit_id uuid CONSTRAINT routine_unit_id_fkey REFERENCES unit(id),
        owner_id uuid NOT NULL CONSTRAINT routine_owner_id_fkey REFERENCES app_user(id),
        title text NOT NULL CONSTRAINT routine_title_check CHECK (length(title) BETWEEN 1 AND 200),
        title_en text CONSTRAINT routine_title_en_check CHECK (length(title_en) BETWEEN 1 AND 200),
        responsible text NOT NULL CONSTRAINT routine_responsible_check CHECK (length(responsible) BETWEEN 1 AND 500),
        frequency text NOT NULL CONSTRAINT routine_frequency_check CHECK (length(frequency) BETWEEN 1 AND 500),
        body text NOT NULL CONSTRAINT routine_body_check CHECK (length(body) BETWEEN 1 AND 20000),
        body_en text CONSTRAINT routine_body_en_check CHECK (length(body_en) BETWEEN 1 AND 20000),
        version integer NOT NULL DEFAULT 1 CONSTRAINT routine_version_check CHECK (version >= 1),
        review_on date NOT NULL,
        goal_id uuid CONSTRAINT routine_goal_id_fkey REFERENCES goal(id),
        template_key text,
        item_key text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid NOT NULL CONSTRAINT routine_updated_by_fkey REFERENCES app_user(id),
        CONSTRAINT routine_item_check CHECK (item_key IS NULL OR template_key IS NOT NULL)
      );
      CREATE INDEX routine_municipality_idx ON routine (municipality_id);
      CREATE INDEX routine_activity_idx ON routine (activity_id);
      CREATE INDEX routine_unit_idx ON routine (unit_id);
      CREATE INDEX routine_owner_review_idx ON routine (owner_id, review_on);

      CREATE TABLE routine_confirmation (
        id uuid PRIMARY KEY,
        routine_id uuid NOT NULL CONSTRAINT routine_confirmation_routine_id_fkey REFERENCES routine(id),
        version integer NOT NULL CONSTRAINT routine_confirmation_version_check CHECK (version >= 1),
        user_id uuid NOT NULL CONSTRAINT routine_confirmation_user_id_fkey REFERENCES app_user(id),
        confirmed_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT routine_confirmation_once_key UNIQUE (routine_id, version, user_id)
      );
      CREATE INDEX routine_confirmation_user_idx ON routine_confirmation (user_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE routine_confirmation; DROP TABLE routine; DROP TABLE process_activity; DROP TABLE routine_process;`);
  }
}
