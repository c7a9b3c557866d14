import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deviations and lex Sarah (avvikelser, SOSFS 2011:9 ch. 5 and SOSFS 2011:5; docs/deviations.md).
 * - `lex_sarah_receiver`: the users an admin designated to receive and investigate lex Sarah reports;
 *   only they read a lex Sarah report's content.
 * - `deviation`: one report, keyed by the id the phone made, so a report sent twice from the outbox is
 *   stored once. What happened, when, the care recipient where there is one, what was done at once; then
 *   the investigation (findings and a cause analysis with the same causes as a risk's), and the deadlines
 *   of received → investigated → closed.
 * - `deviation_action`: what is done so it does not happen again, with owner and due date.
 * New tables: no existing rows are touched.
 */
export class Deviations1765140000000 implements MigrationInterface {
  name = 'Deviations1765140000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE lex_sarah_receiver (
        user_id uuid PRIMARY KEY CONSTRAINT lex_sarah_receiver_user_id_fkey REFERENCES app_user(id),
        municipality_id uuid NOT NULL CONSTRAINT lex_sarah_receiver_municipality_id_fkey REFERENCES municipality(id),
        designated_by uuid NOT NULL CONSTRAINT lex_sarah_receiver_designated_by_fkey REFERENCES app_user(id),
        designated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX lex_sarah_receiver_municipality_idx ON lex_sarah_receiver (municipality_id);

      CREATE TABLE deviation (
        id uuid PRIMARY KEY,
        municipality_id uuid NOT NULL CONSTRAINT deviation_municipality_id_fkey REFERENCES municipality(id),
        unit_id uuid NOT NULL CONSTRAINT deviation_unit_id_fkey REFERENCES unit(id),
        care_recipient_id uuid CONSTRAINT deviation_care_recipient_id_fkey REFERENCES care_recipient(id),
        kind text NOT NULL CONSTRAINT deviation_kind_check CHECK (kind IN ('missed_visit', 'fall', 'medication', 'missforhallande', 'other')),
        lex_sarah boolean NOT NULL,
        occurred_at timestamptz NOT NULL,
        description text NOT NULL CONSTRAINT deviation_description_check CHECK (length(description) BETWEEN 1 AND 4000),
        immediate_action text CONSTRAINT deviation_immediate_action_check CHECK (length(immediate_action) BETWEEN 1 AND 2000),
        reported_by uuid NOT NULL CONSTRAINT deviation_reported_by_fkey REFERENCES app_user(id),
        device_id text CONSTRAINT deviation_device_id_check CHECK (length(device_id) BETWEEN 1 AND 100),
        received_at timestamptz NOT NULL DEFAULT now(),
        status text NOT NULL DEFAULT 'received' CONSTRAINT deviation_status_check CHECK (status IN ('received', 'investigated', 'closed')),
        investigate_by date NOT NULL,
        close_by date NOT NULL,
        findings text CONSTRAINT deviation_findings_check CHECK (length(findings) BETWEEN 1 AND 4000),
        causes text[] CONSTRAINT deviation_causes_check CHECK (cardinality(causes) BETWEEN 1 AND 6
          AND causes <@ ARRAY['environment', 'equipment', 'health', 'behaviour', 'information', 'other']::text[]),
        cause_description text CONSTRAINT deviation_cause_description_check CHECK (length(cause_description) BETWEEN 1 AND 2000),
        serious boolean NOT NULL DEFAULT false,
        investigated_by uuid CONSTRAINT deviation_investigated_by_fkey REFERENCES app_user(id),
        investigated_at timestamptz,
        closed_by uuid CONSTRAINT deviation_closed_by_fkey REFERENCES app_user(id),
        closed_at timestamptz,
        CONSTRAINT deviation_lex_sarah_check CHECK (kind <> 'missforhallande' OR lex_sarah),
        CONSTRAINT deviation_investigated_check CHECK ((status = 'received') = (investigated_at IS NULL AND findings IS NULL AND causes IS NULL)),
        CONSTRAINT deviation_closed_check CHECK ((status = 'closed') = (closed_at IS NOT NULL))
      );
      CREATE INDEX deviation_municipality_received_idx ON deviation (municipality_id, received_at);
      CREATE INDEX deviation_unit_idx ON deviation (unit_id);
      CREATE INDEX deviation_care_recipient_idx ON deviation (care_recipient_id);

      CREATE TABLE deviation_action (
        id uuid PRIMARY KEY,
        deviation_id uuid NOT NULL CONSTRAINT deviation_action_deviation_id_fkey REFERENCES deviation(id),
        what text NOT NULL CONSTRAINT deviation_action_what_check CHECK (length(what) BETWEEN 1 AND 1000),
        owner_id uuid NOT NULL CONSTRAINT deviation_action_owner_id_fkey REFERENCES app_user(id),
        due_on date NOT NULL,
        status text NOT NULL DEFAULT 'open' CONSTRAINT deviation_action_status_check CHECK (status IN ('open', 'done')),
        done_at timestamptz,
        created_by uuid NOT NULL CONSTRAINT deviation_action_created_by_fkey REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT deviation_action_done_check CHECK ((status = 'done') = (done_at IS NOT NULL))
      );
      CREATE INDEX deviation_action_deviation_idx ON deviation_action (deviation_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE deviation_action; DROP TABLE deviation; DROP TABLE lex_sarah_receiver;`);
  }
}
