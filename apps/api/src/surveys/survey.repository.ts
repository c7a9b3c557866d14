import type { DataSource, EntityManager } from 'typeorm';
import type { UserSurveySource } from '@hjulet/domain';
import type { Principal } from '../auth/principal.js';
import { positional, unitScopeCondition } from '../access/scope.js';

/** A unit of the municipality as an import may name it, with where it sits (for the scope rule). */
export interface SurveyUnitRecord {
  id: string;
  name: string;
  administrationId: string;
}

/** A stored result, before suppression: the service decides what is shown. */
export interface SurveyResultRecord {
  surveyId: string;
  source: UserSurveySource;
  surveyName: string;
  year: number;
  unitId: string;
  unitName: string;
  question: string;
  sharePositive: number | null;
  respondents: number;
  /** The same survey's result a year earlier for the unit and question, when there is one. */
  previousSharePositive: number | null;
  previousRespondents: number | null;
}

export interface SurveyRecord {
  id: string;
  municipalityId: string;
  source: UserSurveySource;
  name: string;
  year: number;
}

export interface EvidenceRecord {
  goalId: string;
  surveyId: string;
  source: UserSurveySource;
  surveyName: string;
  year: number;
  question: string;
}

export interface NewSurveyResult {
  unitId: string;
  question: string;
  sharePositive: number | null;
  respondents: number;
}

interface ResultRow {
  survey_id: string;
  source: UserSurveySource;
  survey_name: string;
  year: number;
  unit_id: string;
  unit_name: string;
  question: string;
  share_positive: number | null;
  respondents: number;
  previous_share_positive: number | null;
  previous_respondents: number | null;
}

const toResult = (r: ResultRow): SurveyResultRecord => ({
  surveyId: r.survey_id,
  source: r.source,
  surveyName: r.survey_name,
  year: r.year,
  unitId: r.unit_id,
  unitName: r.unit_name,
  question: r.question,
  sharePositive: r.share_positive,
  respondents: r.respondents,
  previousSharePositive: r.previous_share_positive,
  previousRespondents: r.previous_respondents,
});

/*
 * A result with the same survey's (source and name) a year earlier beside it: the national survey keeps its
 * name from year to year, and a municipality's own survey is expected to.
 */
const RESULTS_SELECT = `
  SELECT s.id AS survey_id, s.source, s.name AS survey_name, s.year, r.unit_id, u.name AS unit_name, r.question,
         r.share_positive::float8 AS share_positive, r.respondents,
         p.share_positive::float8 AS previous_share_positive, p.respondents AS previous_respondents
  FROM user_survey_result r
  JOIN user_survey s ON s.id = r.survey_id
  JOIN unit u ON u.id = r.unit_id
  LEFT JOIN user_survey ps ON ps.municipality_id = s.municipality_id AND ps.source = s.source AND ps.name = s.name AND ps.year = s.year - 1
  LEFT JOIN user_survey_result p ON p.survey_id = ps.id AND p.unit_id = r.unit_id AND p.question = r.question`;

/** The user-survey tables: surveys, their results per unit and question, and goals citing them. */
export class SurveyRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The municipality's units, for putting a file's rows on them by name or id. */
  async unitsOf(m: EntityManager, municipalityId: string): Promise<SurveyUnitRecord[]> {
    const rows: Array<{ id: string; name: string; administration_id: string }> = await m.query(
      `SELECT u.id, u.name, u.administration_id FROM unit u JOIN administration a ON a.id = u.administration_id WHERE a.municipality_id = $1 ORDER BY u.name`,
      [municipalityId],
    );
    return rows.map((r) => ({ id: r.id, name: r.name, administrationId: r.administration_id }));
  }

  /** The survey of this source, name and year, made when it is not there yet; `created` says which. */
  async survey(m: EntityManager, s: Omit<SurveyRecord, 'id'> & { id: string; createdBy: string }): Promise<{ id: string; created: boolean }> {
    const rows: Array<{ id: string; created: boolean }> = await m.query(
      `INSERT INTO user_survey (id, municipality_id, source, name, year, created_by) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (municipality_id, source, name, year) DO UPDATE SET name = EXCLUDED.name
       RETURNING id, (xmax = 0) AS created`,
      [s.id, s.municipalityId, s.source, s.name, s.year, s.createdBy],
    );
    const row = rows[0] as { id: string; created: boolean };
    return { id: row.id, created: row.created };
  }

  /**
   * Stores a file's results in one statement: a unit's question already in the survey is replaced in place
   * (a re-import), never duplicated. Answers how many rows were new and how many replaced.
   */
  async storeResults(
    m: EntityManager,
    surveyId: string,
    importedBy: string,
    results: readonly NewSurveyResult[],
  ): Promise<{ inserted: number; replaced: number }> {
    const rows: Array<{ inserted: boolean }> = await m.query(
      `INSERT INTO user_survey_result (id, survey_id, unit_id, question, share_positive, respondents, imported_by)
       SELECT gen_random_uuid(), $1, t.unit_id, t.question, t.share_positive, t.respondents, $2
       FROM unnest($3::uuid[], $4::text[], $5::numeric[], $6::int[]) AS t(unit_id, question, share_positive, respondents)
       ON CONFLICT (survey_id, unit_id, question) DO UPDATE
         SET share_positive = EXCLUDED.share_positive, respondents = EXCLUDED.respondents, imported_by = EXCLUDED.imported_by, imported_at = now()
       RETURNING (xmax = 0) AS inserted`,
      [
        surveyId,
        importedBy,
        results.map((r) => r.unitId),
        results.map((r) => r.question),
        results.map((r) => r.sharePositive),
        results.map((r) => r.respondents),
      ],
    );
    const inserted = rows.filter((r) => r.inserted).length;
    return { inserted, replaced: rows.length - inserted };
  }

  /** A year's results in the principal's scope (optionally one unit), each with the year before beside it. */
  async resultsOfYear(principal: Principal, year: number, unitId: string | null): Promise<SurveyResultRecord[]> {
    const params: unknown[] = [principal.municipalityId, year];
    const unit = unitId ? `AND r.unit_id = ${positional(params)(unitId)}` : '';
    const rows: ResultRow[] = await this.dataSource.query(
      `${RESULTS_SELECT}
       WHERE s.municipality_id = $1 AND s.year = $2 AND ${unitScopeCondition(principal, 'r.unit_id', positional(params))} ${unit}
       ORDER BY s.source, s.name, r.question, u.name`,
      params,
    );
    return rows.map(toResult);
  }

  async surveyById(m: EntityManager, id: string): Promise<SurveyRecord | null> {
    const rows: Array<{ id: string; municipality_id: string; source: UserSurveySource; name: string; year: number }> = await m.query(
      `SELECT id, municipality_id, source, name, year FROM user_survey WHERE id = $1`,
      [id],
    );
    const r = rows[0];
    return r ? { id: r.id, municipalityId: r.municipality_id, source: r.source, name: r.name, year: r.year } : null;
  }

  /** The questions a survey has results for, as stored. */
  async questionsOf(m: EntityManager, surveyId: string): Promise<string[]> {
    const rows: Array<{ question: string }> = await m.query(`SELECT DISTINCT question FROM user_survey_result WHERE survey_id = $1`, [surveyId]);
    return rows.map((r) => r.question);
  }

  async hasQuestion(m: EntityManager, surveyId: string, question: string): Promise<boolean> {
    const rows: unknown[] = await m.query(`SELECT 1 FROM user_survey_result WHERE survey_id = $1 AND question = $2 LIMIT 1`, [surveyId, question]);
    return rows.length > 0;
  }

  /** Cites a survey's question in a goal; answers false when the goal already cited it. */
  async cite(m: EntityManager, goalId: string, surveyId: string, question: string, citedBy: string): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `INSERT INTO goal_survey_evidence (goal_id, survey_id, question, cited_by) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING goal_id`,
      [goalId, surveyId, question, citedBy],
    );
    return rows.length > 0;
  }

  async uncite(m: EntityManager, goalId: string, surveyId: string, question: string): Promise<boolean> {
    const rows: unknown[] = await m.query(`DELETE FROM goal_survey_evidence WHERE goal_id = $1 AND survey_id = $2 AND question = $3 RETURNING goal_id`, [
      goalId,
      surveyId,
      question,
    ]);
    return rows.length > 0;
  }

  /** What the goals cite, in the order it was cited. */
  async evidenceOf(goalIds: readonly string[]): Promise<EvidenceRecord[]> {
    const rows: Array<{ goal_id: string; survey_id: string; source: UserSurveySource; name: string; year: number; question: string }> =
      await this.dataSource.query(
        `SELECT e.goal_id, e.survey_id, s.source, s.name, s.year, e.question
       FROM goal_survey_evidence e JOIN user_survey s ON s.id = e.survey_id
       WHERE e.goal_id = ANY($1::uuid[]) ORDER BY e.cited_at, e.question`,
        [goalIds],
      );
    return rows.map((r) => ({ goalId: r.goal_id, surveyId: r.survey_id, source: r.source, surveyName: r.name, year: r.year, question: r.question }));
  }

  /** A cited question's results for an administration's units in the principal's scope. */
  async resultsOfQuestion(principal: Principal, surveyId: string, question: string, administrationId: string): Promise<SurveyResultRecord[]> {
    const params: unknown[] = [surveyId, question, administrationId];
    const rows: ResultRow[] = await this.dataSource.query(
      `${RESULTS_SELECT}
       WHERE r.survey_id = $1 AND r.question = $2 AND u.administration_id = $3 AND ${unitScopeCondition(principal, 'r.unit_id', positional(params))}
       ORDER BY u.name`,
      params,
    );
    return rows.map(toResult);
  }
}
