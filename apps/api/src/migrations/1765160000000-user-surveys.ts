import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * User surveys (brukarundersökningar; docs/user-surveys.md).
 * - `user_survey`: one survey of a municipality, national (Socialstyrelsen's "Vad tycker de äldre om
 *   äldreomsorgen?") or its own, by name and year; an import of the same source, name and year reuses it.
 * - `user_survey_result`: a unit's result for one question, a share of positive answers (null where the file
 *   reports too few respondents) and the number who answered; one per survey, unit and question, so a
 *   re-import replaces the row in place.
 * - `goal_survey_evidence`: a goal of the plan citing a survey's question as evidence.
 * New tables: no existing rows are touched.
 */
export class UserSurveys1765160000000 implements MigrationInterface {
  name = 'UserSurveys1765160000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE user_survey (
        id uuid PRIMARY KEY,
        municipality_id uuid NOT NULL CONSTRAINT user_survey_municipality_id_fkey REFERENCES municipality(id),
        source text NOT NULL CONSTRAINT user_survey_source_check CHECK (source IN ('national', 'own')),
        name text NOT NULL CONSTRAINT user_survey_name_check CHECK (length(name) BETWEEN 1 AND 200),
        year integer NOT NULL CONSTRAINT user_survey_year_check CHECK (year BETWEEN 2000 AND 2100),
        created_by uuid NOT NULL CONSTRAINT user_survey_created_by_fkey REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT user_survey_municipality_id_source_name_year_key UNIQUE (municipality_id, source, name, year)
      );

      CREATE TABLE user_survey_result (
        id uuid PRIMARY KEY,
        survey_id uuid NOT NULL CONSTRAINT user_survey_result_survey_id_fkey REFERENCES user_survey(id),
        unit_id uuid NOT NULL CONSTRAINT user_survey_result_unit_id_fkey REFERENCES unit(id),
        question text NOT NULL CONSTRAINT user_survey_result_question_check CHECK (length(question) BETWEEN 1 AND 500),
        share_positive numeric(5, 2) CONSTRAINT user_survey_result_share_positive_check CHECK (share_positive BETWEEN 0 AND 100),
        respondents integer NOT NULL CONSTRAINT user_survey_result_respondents_check CHECK (respondents >= 0),
        imported_by uuid NOT NULL CONSTRAINT user_survey_result_imported_by_fkey REFERENCES app_user(id),
        imported_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT user_survey_result_survey_id_unit_id_question_key UNIQUE (survey_id, unit_id, question)
      );
      CREATE INDEX user_survey_result_unit_idx ON user_survey_result (unit_id);

      CREATE TABLE goal_survey_evidence (
        goal_id uuid NOT NULL CONSTRAINT goal_survey_evidence_goal_id_fkey REFERENCES goal(id),
        survey_id uuid NOT NULL CONSTRAINT goal_survey_evidence_survey_id_fkey REFERENCES user_survey(id),
        question text NOT NULL CONSTRAINT goal_survey_evidence_question_check CHECK (length(question) BETWEEN 1 AND 500),
        cited_by uuid NOT NULL CONSTRAINT goal_survey_evidence_cited_by_fkey REFERENCES app_user(id),
        cited_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (goal_id, survey_id, question)
      );
      CREATE INDEX goal_survey_evidence_survey_idx ON goal_survey_evidence (survey_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE goal_survey_evidence; DROP TABLE user_survey_result; DROP TABLE user_survey;`);
  }
}
