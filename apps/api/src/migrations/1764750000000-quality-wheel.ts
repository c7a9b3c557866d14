import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The quality wheel (issue 9): the board's goals with their quality dimension and target indicator,
 * activities, follow-ups per period with lessons, improvement actions on goals that fell short; on the
 * preventive side a cause analysis per risk and events (a fall, a fire, a near miss) as outcomes; and
 * other municipalities' values for comparison (Kolada). Only new tables: no existing row changes. Each
 * existing municipality gets Växjö's six quality dimensions as its list.
 */
export class QualityWheel1764750000000 implements MigrationInterface {
  name = 'QualityWheel1764750000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE quality_dimension (
        id uuid PRIMARY KEY,
        municipality_id uuid NOT NULL CONSTRAINT quality_dimension_municipality_id_fkey REFERENCES municipality(id),
        key text NOT NULL CONSTRAINT quality_dimension_key_check CHECK (key ~ '^[a-z][a-z0-9_]{0,63}$'),
        name_sv text NOT NULL CONSTRAINT quality_dimension_name_sv_check CHECK (length(name_sv) BETWEEN 1 AND 100),
        name_en text NOT NULL CONSTRAINT quality_dimension_name_en_check CHECK (length(name_en) BETWEEN 1 AND 100),
        position integer NOT NULL,
        CONSTRAINT quality_dimension_municipality_id_key_key UNIQUE (municipality_id, key)
      );

      CREATE TABLE goal (
        id uuid PRIMARY KEY,
        administration_id uuid NOT NULL CONSTRAINT goal_administration_id_fkey REFERENCES administration(id),
        board text NOT NULL CONSTRAINT goal_board_check CHECK (length(board) BETWEEN 1 AND 200),
        year integer NOT NULL CONSTRAINT goal_year_check CHECK (year BETWEEN 2000 AND 2100),
        text text NOT NULL CONSTRAINT goal_text_check CHECK (length(text) BETWEEN 1 AND 2000),
        quality_dimension text NOT NULL,
        target_indicator text NOT NULL CONSTRAINT goal_target_indicator_check CHECK (target_indicator IN ('coverage', 'acceptance',
          'risk_prevalence', 'risks_with_action', 'action_closure', 'median_days_to_close', 'risks_resolved_by_next_review')),
        target_direction text NOT NULL CONSTRAINT goal_target_direction_check CHECK (target_direction IN ('at_least', 'at_most')),
        target_value double precision NOT NULL,
        created_by uuid NOT NULL CONSTRAINT goal_created_by_fkey REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX goal_administration_year_idx ON goal (administration_id, year);

      CREATE TABLE activity (
        id uuid PRIMARY KEY,
        goal_id uuid NOT NULL CONSTRAINT activity_goal_id_fkey REFERENCES goal(id),
        unit_id uuid NOT NULL CONSTRAINT activity_unit_id_fkey REFERENCES unit(id),
        what text NOT NULL CONSTRAINT activity_what_check CHECK (length(what) BETWEEN 1 AND 1000),
        responsible_id uuid CONSTRAINT activity_responsible_id_fkey REFERENCES app_user(id),
        due_date date,
        status text NOT NULL CONSTRAINT activity_status_check CHECK (status IN ('planned', 'in_progress', 'done', 'cancelled')),
        created_by uuid NOT NULL CONSTRAINT activity_created_by_fkey REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX activity_goal_idx ON activity (goal_id);
      CREATE INDEX activity_unit_idx ON activity (unit_id);

      -- A follow-up of a goal for one period, for the goal's whole administration (unit_id null) or one unit.
      CREATE TABLE goal_follow_up (
        id uuid PRIMARY KEY,
        goal_id uuid NOT NULL CONSTRAINT goal_follow_up_goal_id_fkey REFERENCES goal(id),
        unit_id uuid CONSTRAINT goal_follow_up_unit_id_fkey REFERENCES unit(id),
        period text NOT NULL CONSTRAINT goal_follow_up_period_check CHECK (period ~ '^[0-9]{4}(-(H[12]|Q[1-4]|[0-9]{2}))?$'),
        value double precision,
        value_source text NOT NULL CONSTRAINT goal_follow_up_value_source_check CHECK (value_source IN ('computed', 'manual')),
        comment text CONSTRAINT goal_follow_up_comment_check CHECK (length(comment) <= 4000),
        evidence text[] NOT NULL CONSTRAINT goal_follow_up_evidence_check CHECK (cardinality(evidence) <= 20),
        created_by uuid NOT NULL CONSTRAINT goal_follow_up_created_by_fkey REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX goal_follow_up_goal_idx ON goal_follow_up (goal_id, period);

      CREATE TABLE lesson (
        id uuid PRIMARY KEY,
        follow_up_id uuid NOT NULL CONSTRAINT lesson_follow_up_id_fkey REFERENCES goal_follow_up(id),
        learned text NOT NULL CONSTRAINT lesson_learned_check CHECK (length(learned) BETWEEN 1 AND 4000),
        change_next text NOT NULL CONSTRAINT lesson_change_next_check CHECK (length(change_next) BETWEEN 1 AND 4000),
        created_by uuid NOT NULL CONSTRAINT lesson_created_by_fkey REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX lesson_follow_up_idx ON lesson (follow_up_id);

      CREATE TABLE improvement_action (
        id uuid PRIMARY KEY,
        follow_up_id uuid NOT NULL CONSTRAINT improvement_action_follow_up_id_fkey REFERENCES goal_follow_up(id),
        unit_id uuid CONSTRAINT improvement_action_unit_id_fkey REFERENCES unit(id),
        what text NOT NULL CONSTRAINT improvement_action_what_check CHECK (length(what) BETWEEN 1 AND 1000),
        owner_id uuid NOT NULL CONSTRAINT improvement_action_owner_id_fkey REFERENCES app_user(id),
        due_date date NOT NULL,
        status text NOT NULL CONSTRAINT improvement_action_status_check CHECK (status IN ('open', 'done', 'cancelled')),
        closed_at timestamptz,
        created_by uuid NOT NULL CONSTRAINT improvement_action_created_by_fkey REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT improvement_action_closed_check CHECK ((status = 'open') = (closed_at IS NULL))
      );
      CREATE INDEX improvement_action_follow_up_idx ON improvement_action (follow_up_id);

      -- Orsaksanalys: why a risk is there, before actions are chosen. One per risk, changed as it is understood.
      CREATE TABLE cause_analysis (
        id uuid PRIMARY KEY,
        risk_id uuid NOT NULL CONSTRAINT cause_analysis_risk_id_fkey REFERENCES identified_risk(id),
        causes text[] NOT NULL CONSTRAINT cause_analysis_causes_check CHECK (cardinality(causes) BETWEEN 1 AND 6
          AND causes <@ ARRAY['environment', 'equipment', 'health', 'behaviour', 'information', 'other']::text[]),
        description text CONSTRAINT cause_analysis_description_check CHECK (length(description) <= 2000),
        updated_by uuid NOT NULL CONSTRAINT cause_analysis_updated_by_fkey REFERENCES app_user(id),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT cause_analysis_risk_id_key UNIQUE (risk_id)
      );

      -- Händelse: an outcome (a fall, a fire, a near miss) against a person and a risk category.
      CREATE TABLE care_event (
        id uuid PRIMARY KEY,
        recipient_id uuid NOT NULL CONSTRAINT care_event_recipient_id_fkey REFERENCES care_recipient(id),
        -- The unit when it happened: statistics stay put when the person moves.
        unit_id uuid NOT NULL CONSTRAINT care_event_unit_id_fkey REFERENCES unit(id),
        kind text NOT NULL CONSTRAINT care_event_kind_check CHECK (kind IN ('fall', 'fire', 'near_miss')),
        risk_category text NOT NULL CONSTRAINT care_event_risk_category_check CHECK (risk_category ~ '^[a-z][a-z0-9_]{0,63}$'),
        occurred_on date NOT NULL,
        description text CONSTRAINT care_event_description_check CHECK (length(description) <= 2000),
        created_by uuid NOT NULL CONSTRAINT care_event_created_by_fkey REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX care_event_recipient_idx ON care_event (recipient_id, occurred_on);
      CREATE INDEX care_event_unit_idx ON care_event (unit_id, occurred_on);

      -- Other municipalities' values (and one's own as published), imported from Kolada or a CSV.
      CREATE TABLE comparison_value (
        id uuid PRIMARY KEY,
        municipality_id uuid NOT NULL CONSTRAINT comparison_value_municipality_id_fkey REFERENCES municipality(id),
        municipality_code char(4) NOT NULL CONSTRAINT comparison_value_municipality_code_check CHECK (municipality_code ~ '^[0-9]{4}$'),
        indicator text NOT NULL CONSTRAINT comparison_value_indicator_check CHECK (indicator ~ '^[A-Za-z0-9_]{1,64}$'),
        period text NOT NULL CONSTRAINT comparison_value_period_check CHECK (period ~ '^[0-9]{4}$'),
        value double precision NOT NULL,
        imported_by uuid NOT NULL CONSTRAINT comparison_value_imported_by_fkey REFERENCES app_user(id),
        imported_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT comparison_value_unique_key UNIQUE (municipality_id, municipality_code, indicator, period)
      );

      INSERT INTO quality_dimension (id, municipality_id, key, name_sv, name_en, position)
      SELECT gen_random_uuid(), m.id, d.key, d.name_sv, d.name_en, d.position
      FROM municipality m CROSS JOIN (VALUES
        ('individanpassning', 'Individanpassning', 'Person-centred', 1),
        ('tillganglighet', 'Tillgänglighet', 'Accessible', 2),
        ('kunskapsbasering', 'Kunskapsbasering', 'Evidence-based', 3),
        ('sakerhet', 'Säkerhet', 'Safe', 4),
        ('jamlikhet', 'Jämlikhet/likvärdighet', 'Equitable', 5),
        ('effektivitet', 'Effektivitet', 'Efficient', 6)
      ) AS d(key, name_sv, name_en, position);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE comparison_value, care_event, cause_analysis, improvement_action, lesson, goal_follow_up, activity, goal, quality_dimension`);
  }
}
