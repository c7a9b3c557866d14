import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Self-checks (egenkontroll, SOSFS 2011:9 ch. 5 § 2; docs/self-checks.md), in tables of their own: a
 * review is of a person, and the indicators, partner statistics and erasure all rely on that, so a check
 * of a unit must not be a review.
 * - `self_check_plan`: what is checked (a unit, optionally one of its processes), with which template
 *   version, how often, by whom (a role or a named user), and the first date it is due.
 * - `self_check_result`: one completed check, keyed by the id the client made, so a check sent twice is
 *   stored once; its answers and when and by whom it was done.
 * - `self_check_finding`: a risk answer of a result (derived by the template's rules, as a review's risks).
 * - `self_check_action`: what is done about a finding, with owner and due date, open → done.
 * New tables: no existing rows are touched.
 */
export class SelfChecks1765150000000 implements MigrationInterface {
  name = 'SelfChecks1765150000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE self_check_plan (
        id uuid PRIMARY KEY,
        municipality_id uuid NOT NULL CONSTRAINT self_check_plan_municipality_id_fkey REFERENCES municipality(id),
        unit_id uuid NOT NULL CONSTRAINT self_check_plan_unit_id_fkey REFERENCES unit(id),
        process_id uuid CONSTRAINT self_check_plan_process_id_fkey REFERENCES routine_process(id),
        template_version_id uuid NOT NULL CONSTRAINT self_check_plan_template_version_id_fkey REFERENCES template_version(id),
        frequency text NOT NULL CONSTRAINT self_check_plan_frequency_check CHECK (frequency IN ('monthly', 'quarterly', 'half_yearly', 'yearly')),
        performer_role text CONSTRAINT self_check_plan_performer_role_check CHECK (performer_role IN ('staff', 'unit_manager', 'quality_coordinator')),
        performer_id uuid CONSTRAINT self_check_plan_performer_id_fkey REFERENCES app_user(id),
        first_due_on date NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_by uuid NOT NULL CONSTRAINT self_check_plan_created_by_fkey REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT self_check_plan_performer_check CHECK ((performer_role IS NULL) <> (performer_id IS NULL))
      );
      CREATE INDEX self_check_plan_unit_idx ON self_check_plan (unit_id);
      CREATE INDEX self_check_plan_municipality_idx ON self_check_plan (municipality_id);

      CREATE TABLE self_check_result (
        id uuid PRIMARY KEY,
        plan_id uuid NOT NULL CONSTRAINT self_check_result_plan_id_fkey REFERENCES self_check_plan(id),
        unit_id uuid NOT NULL CONSTRAINT self_check_result_unit_id_fkey REFERENCES unit(id),
        process_id uuid CONSTRAINT self_check_result_process_id_fkey REFERENCES routine_process(id),
        template_version_id uuid NOT NULL CONSTRAINT self_check_result_template_version_id_fkey REFERENCES template_version(id),
        answers jsonb NOT NULL,
        completed_at timestamptz NOT NULL,
        completed_on date NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        performed_by uuid NOT NULL CONSTRAINT self_check_result_performed_by_fkey REFERENCES app_user(id)
      );
      CREATE INDEX self_check_result_plan_idx ON self_check_result (plan_id, completed_on);
      CREATE INDEX self_check_result_unit_idx ON self_check_result (unit_id, completed_on);

      CREATE TABLE self_check_finding (
        id uuid PRIMARY KEY,
        result_id uuid NOT NULL CONSTRAINT self_check_finding_result_id_fkey REFERENCES self_check_result(id),
        item_key text NOT NULL,
        category text NOT NULL,
        severity text NOT NULL CONSTRAINT self_check_finding_severity_check CHECK (severity IN ('low', 'medium', 'high')),
        CONSTRAINT self_check_finding_result_item_key UNIQUE (result_id, item_key)
      );

      CREATE TABLE self_check_action (
        id uuid PRIMARY KEY,
        finding_id uuid NOT NULL CONSTRAINT self_check_action_finding_id_fkey REFERENCES self_check_finding(id),
        what text NOT NULL CONSTRAINT self_check_action_what_check CHECK (length(what) BETWEEN 1 AND 1000),
        owner_id uuid NOT NULL CONSTRAINT self_check_action_owner_id_fkey REFERENCES app_user(id),
        due_on date NOT NULL,
        status text NOT NULL DEFAULT 'open' CONSTRAINT self_check_action_status_check CHECK (status IN ('open', 'done')),
        done_at timestamptz,
        done_by uuid CONSTRAINT self_check_action_done_by_fkey REFERENCES app_user(id),
        created_by uuid NOT NULL CONSTRAINT self_check_action_created_by_fkey REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT self_check_action_done_check CHECK ((status = 'done') = (done_at IS NOT NULL))
      );
      CREATE INDEX self_check_action_finding_idx ON self_check_action (finding_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE self_check_action; DROP TABLE self_check_finding; DROP TABLE self_check_result; DROP TABLE self_check_plan;`);
  }
}
