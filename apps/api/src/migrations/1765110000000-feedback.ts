import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Complaints and feedback (klagomål och synpunkter, SOSFS 2011:9 ch. 5; docs/feedback.md).
 * - `feedback_counter`: the last case number handed out per municipality and year, bumped in the
 *   transaction that stores the case, so a number is never given twice; kept below 90000 (numbers from
 *   90000 are what a refused bot is told, so they match no case).
 * - `feedback_case`: one piece of feedback, from the public form or registered by staff, with optional
 *   contact details, the responsible unit (null until routed, when not given) and, once answered, the
 *   findings and the answer. New tables: no existing rows are touched.
 */
export class Feedback1765110000000 implements MigrationInterface {
  name = 'Feedback1765110000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE feedback_counter (
        municipality_id uuid NOT NULL CONSTRAINT feedback_counter_municipality_id_fkey REFERENCES municipality(id),
        year integer NOT NULL CONSTRAINT feedback_counter_year_check CHECK (year BETWEEN 2000 AND 2999),
        last_value integer NOT NULL CONSTRAINT feedback_counter_last_value_check CHECK (last_value BETWEEN 1 AND 89999),
        CONSTRAINT feedback_counter_pkey PRIMARY KEY (municipality_id, year)
      );

      CREATE TABLE feedback_case (
        id uuid PRIMARY KEY,
        municipality_id uuid NOT NULL CONSTRAINT feedback_case_municipality_id_fkey REFERENCES municipality(id),
        year integer NOT NULL,
        sequence integer NOT NULL,
        case_number text NOT NULL CONSTRAINT feedback_case_case_number_check CHECK (case_number ~ '^SYN-[0-9]{4}-[0-9]{5}$'),
        kind text NOT NULL CONSTRAINT feedback_case_kind_check CHECK (kind IN ('complaint', 'suggestion', 'praise', 'other')),
        channel text NOT NULL CONSTRAINT feedback_case_channel_check CHECK (channel IN ('web', 'phone', 'paper', 'in_person')),
        status text NOT NULL DEFAULT 'received' CONSTRAINT feedback_case_status_check CHECK (status IN ('received', 'investigating', 'answered')),
        unit_id uuid CONSTRAINT feedback_case_unit_id_fkey REFERENCES unit(id),
        message text NOT NULL CONSTRAINT feedback_case_message_check CHECK (length(message) BETWEEN 1 AND 4000),
        contact_name text CONSTRAINT feedback_case_contact_name_check CHECK (length(contact_name) BETWEEN 1 AND 200),
        contact_email text CONSTRAINT feedback_case_contact_email_check CHECK (length(contact_email) BETWEEN 3 AND 254),
        contact_phone text CONSTRAINT feedback_case_contact_phone_check CHECK (length(contact_phone) BETWEEN 5 AND 40),
        received_at timestamptz NOT NULL DEFAULT now(),
        due_on date NOT NULL,
        registered_by uuid CONSTRAINT feedback_case_registered_by_fkey REFERENCES app_user(id),
        findings text CONSTRAINT feedback_case_findings_check CHECK (length(findings) BETWEEN 1 AND 4000),
        answer text CONSTRAINT feedback_case_answer_check CHECK (length(answer) BETWEEN 1 AND 4000),
        answered_by uuid CONSTRAINT feedback_case_answered_by_fkey REFERENCES app_user(id),
        answered_at timestamptz,
        CONSTRAINT feedback_case_sequence_key UNIQUE (municipality_id, year, sequence),
        CONSTRAINT feedback_case_answered_check CHECK ((status = 'answered') = (answer IS NOT NULL AND findings IS NOT NULL AND answered_at IS NOT NULL))
      );
      CREATE INDEX feedback_case_municipality_received_idx ON feedback_case (municipality_id, received_at);
      CREATE INDEX feedback_case_unit_idx ON feedback_case (unit_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE feedback_case; DROP TABLE feedback_counter;`);
  }
}
