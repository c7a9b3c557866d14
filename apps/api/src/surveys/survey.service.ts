import { randomUUID } from 'node:crypto';
import {
  USER_SURVEY_LIMITS,
  checkUserSurveyHeading,
  checkUserSurveyRecords,
  placeSurveyRows,
  shownSurveyResult,
  surveyKey,
  type UserSurveyProblem,
  type UserSurveySource,
} from '@hjulet/domain';
import type { EntityManager } from 'typeorm';
import type { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { canReach } from '../access/scope.js';
import type { PlanService } from '../plan/plan.service.js';
import { AccessRefused, badInput } from '../shared/app-error.js';
import type { Caller } from '../shared/context.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import { readSurveyCsv } from './survey-csv.js';
import type { SurveyRepository, SurveyResultRecord } from './survey.repository.js';

export interface SurveyImportInput {
  source: UserSurveySource;
  name: string;
  year: number;
  /** The file's text, as the screen read it. */
  csv: string;
}

/** A row of a previewed file, on its unit, as it would be stored and shown. */
export interface PreviewRow {
  row: number;
  unitId: string;
  unitName: string;
  question: string;
  sharePositive: number | null;
  respondents: number;
  suppressed: boolean;
}

export interface SurveyPreview {
  rows: PreviewRow[];
  problems: UserSurveyProblem[];
}

export interface SurveyImport {
  surveyId: string;
  inserted: number;
  replaced: number;
}

/** What a reader sees of a stored result: small numbers hidden (shownSurveyResult), the year before beside it. */
export interface ShownSurveyResult {
  surveyId: string;
  source: UserSurveySource;
  surveyName: string;
  year: number;
  unitId: string;
  unitName: string;
  question: string;
  sharePositive: number | null;
  respondents: number | null;
  suppressed: boolean;
  previous: { sharePositive: number | null; respondents: number | null; suppressed: boolean } | null;
}

export interface SurveyEvidence {
  goalId: string;
  surveyId: string;
  source: UserSurveySource;
  surveyName: string;
  year: number;
  question: string;
}

const shown = (r: SurveyResultRecord): ShownSurveyResult => ({
  surveyId: r.surveyId,
  source: r.source,
  surveyName: r.surveyName,
  year: r.year,
  unitId: r.unitId,
  unitName: r.unitName,
  question: r.question,
  ...shownSurveyResult(r),
  previous: r.previousRespondents === null ? null : shownSurveyResult({ sharePositive: r.previousSharePositive, respondents: r.previousRespondents }),
});

/**
 * User surveys (docs/user-surveys.md): a survey file is read (survey-csv.ts), checked whole by the domain
 * (checkUserSurveyRecords, placeSurveyRows) and stored only when every row is good, each unit's question
 * replaced on a re-import. Importers are unit managers (their unit), coordinators (their administration)
 * and admins; readers see their scope's results with small numbers hidden; goals cite questions as evidence.
 */
export class SurveyService {
  constructor(
    private readonly repo: SurveyRepository,
    private readonly transactions: UnitOfWork,
    private readonly plan: PlanService,
    private readonly audit: AuditService,
  ) {}

  /** The dry run: what an import of the file would store, and every problem with it. Writes nothing. */
  async preview(caller: Caller, input: SurveyImportInput): Promise<SurveyPreview> {
    return this.transactions.run(async (m) => {
      const { placed, problems } = await this.check(m, caller.principal, input);
      return { rows: placed.map((r) => ({ ...r, suppressed: shownSurveyResult(r).suppressed })), problems };
    });
  }

  /**
   * Stores a survey file, or nothing: a row outside the importer's scope refuses the whole file (FORBIDDEN),
   * any other problem too (BAD_USER_INPUT, every problem in `issues`, each field `rows[n].column`).
   */
  async import(caller: Caller, input: SurveyImportInput): Promise<SurveyImport> {
    const { principal } = caller;
    return this.transactions.run(async (m) => {
      const { placed, problems } = await this.check(m, principal, input);
      const outside = problems.find((p) => p.code === 'OUT_OF_SCOPE');
      if (outside) throw new AccessRefused('FORBIDDEN', outside.message, outside.field, { entityType: 'unit', entityId: null });
      if (problems.length > 0) {
        const first = problems[0] as UserSurveyProblem;
        throw badInput(
          first.message,
          first.field,
          problems.map((p) => ({ field: p.field, code: p.code, message: p.message })),
        );
      }
      const name = input.name.trim().replace(/\s+/g, ' ');
      const survey = await this.repo.survey(m, {
        id: randomUUID(),
        municipalityId: principal.municipalityId,
        source: input.source,
        name,
        year: input.year,
        createdBy: principal.userId,
      });
      // A question written with other case or spacing than last time is the same question: it keeps its stored text, so it is replaced.
      const asStored = new Map((await this.repo.questionsOf(m, survey.id)).map((q) => [surveyKey(q), q]));
      const stored = await this.repo.storeResults(
        m,
        survey.id,
        principal.userId,
        placed.map((r) => ({ ...r, question: asStored.get(surveyKey(r.question)) ?? r.question })),
      );
      await this.audit.record(
        caller,
        [
          ...(survey.created
            ? [{ action: 'create' as const, entityType: 'user_survey', entityId: survey.id, details: { source: input.source, name, year: input.year } }]
            : []),
          {
            action: 'update',
            entityType: 'user_survey',
            entityId: survey.id,
            details: { imported: placed.length, inserted: stored.inserted, replaced: stored.replaced, units: [...new Set(placed.map((r) => r.unitId))] },
          },
        ],
        m,
      );
      return { surveyId: survey.id, ...stored };
    });
  }

  /** A year's results in the caller's scope (optionally one unit's), with the year before where the same survey had it. */
  async results(caller: Caller, year: number, unitId: string | null): Promise<ShownSurveyResult[]> {
    if (!Number.isInteger(year) || year < USER_SURVEY_LIMITS.yearMin || year > USER_SURVEY_LIMITS.yearMax)
      throw badInput(`The year is from ${USER_SURVEY_LIMITS.yearMin} to ${USER_SURVEY_LIMITS.yearMax}`, 'year');
    return (await this.repo.resultsOfYear(caller.principal, year, unitId)).map(shown);
  }

  /** Cites a survey's question in a goal (the goal's writers); citing it again changes nothing. */
  async cite(caller: Caller, goalId: string, surveyId: string, question: string): Promise<SurveyEvidence> {
    // The goal is checked before the transaction: the plan reads on its own connection, and the embedded pool has one.
    const { goal } = await this.plan.writableGoal(caller.principal, goalId, 'goalId');
    return this.transactions.run(async (m) => {
      const survey = await this.repo.surveyById(m, surveyId);
      if (!survey || survey.municipalityId !== caller.principal.municipalityId)
        throw new AccessRefused('NOT_FOUND', 'Survey not found', 'surveyId', { entityType: 'user_survey', entityId: surveyId });
      const asked = question.trim().replace(/\s+/g, ' ');
      if (!(await this.repo.hasQuestion(m, surveyId, asked))) throw badInput('The survey has no results for this question', 'question');
      if (await this.repo.cite(m, goal.id, surveyId, asked, caller.principal.userId))
        await this.audit.record(
          caller,
          [{ action: 'create', entityType: 'goal_survey_evidence', entityId: goal.id, details: { surveyId, question: asked } }],
          m,
        );
      return { goalId: goal.id, surveyId, source: survey.source, surveyName: survey.name, year: survey.year, question: asked };
    });
  }

  /** Takes a cited question off a goal; answers whether it was cited. */
  async uncite(caller: Caller, goalId: string, surveyId: string, question: string): Promise<boolean> {
    await this.plan.writableGoal(caller.principal, goalId, 'goalId');
    return this.transactions.run(async (m) => {
      const removed = await this.repo.uncite(m, goalId, surveyId, question.trim().replace(/\s+/g, ' '));
      if (removed)
        await this.audit.record(caller, [{ action: 'delete', entityType: 'goal_survey_evidence', entityId: goalId, details: { surveyId, question } }], m);
      return removed;
    });
  }

  /** The questions a goal cites (the goal was read by the caller, so its placement is theirs to see). */
  evidenceOf(goalId: string): Promise<SurveyEvidence[]> {
    return this.repo.evidenceOf([goalId]);
  }

  /** A cited question's results for the goal's units in the caller's scope. */
  async evidenceResults(principal: Principal, evidence: SurveyEvidence): Promise<ShownSurveyResult[]> {
    const { administrationId } = await this.plan.placedGoal(principal, evidence.goalId, 'goalId');
    return (await this.repo.resultsOfQuestion(principal, evidence.surveyId, evidence.question, administrationId)).map(shown);
  }

  /** Reads, checks and places a file; every problem found, in file order, and the rows that were good. */
  private async check(m: EntityManager, principal: Principal, input: SurveyImportInput) {
    if (input.csv.length > USER_SURVEY_LIMITS.csvMax) throw badInput(`The file is larger than ${USER_SURVEY_LIMITS.csvMax} characters`, 'input.csv');
    const heading = checkUserSurveyHeading(input);
    const read = readSurveyCsv(input.csv);
    if (!read.ok) return { placed: [], problems: [...heading, read.problem] };
    const checked = checkUserSurveyRecords(read.records);
    const units = (await this.repo.unitsOf(m, principal.municipalityId)).map((u) => ({
      id: u.id,
      name: u.name,
      reachable: canReach(principal, { unitId: u.id, administrationId: u.administrationId, municipalityId: principal.municipalityId }),
    }));
    const { placed, problems } = placeSurveyRows(checked.rows, units);
    const all = [...heading, ...(checked.ok ? [] : checked.problems), ...problems].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    return { placed, problems: all };
  }
}
