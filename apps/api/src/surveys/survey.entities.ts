import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';
import { Municipality, Unit } from '../organisation/organisation.entities.js';
import { Goal } from '../plan/plan.entities.js';
import { User } from '../users/user.entity.js';

/*
 * The user-survey tables as TypeORM sees them (entities-match-migrations.test.ts holds them to the migration
 * 1765160000000-user-surveys.ts). Reads and writes go through survey.repository.ts; the GraphQL shapes are in
 * survey.types.ts.
 */

@Entity('user_survey')
@Unique('user_survey_municipality_id_source_name_year_key', ['municipalityId', 'source', 'name', 'year'])
@Check('user_survey_source_check', "source IN ('national', 'own')")
@Check('user_survey_name_check', 'length(name) BETWEEN 1 AND 200')
@Check('user_survey_year_check', 'year BETWEEN 2000 AND 2100')
export class UserSurveyRow {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'municipality_id' })
  @ForeignKey(() => Municipality, { name: 'user_survey_municipality_id_fkey' })
  municipalityId: string;

  @Column({ type: 'text' })
  source: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'integer' })
  year: number;

  @Column({ type: 'uuid', name: 'created_by' })
  @ForeignKey(() => User, { name: 'user_survey_created_by_fkey' })
  createdBy: string;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}

@Entity('user_survey_result')
@Unique('user_survey_result_survey_id_unit_id_question_key', ['surveyId', 'unitId', 'question'])
@Index('user_survey_result_unit_idx', ['unitId'])
@Check('user_survey_result_question_check', 'length(question) BETWEEN 1 AND 500')
@Check('user_survey_result_share_positive_check', 'share_positive BETWEEN 0 AND 100')
@Check('user_survey_result_respondents_check', 'respondents >= 0')
export class UserSurveyResultRow {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'survey_id' })
  @ForeignKey(() => UserSurveyRow, { name: 'user_survey_result_survey_id_fkey' })
  surveyId: string;

  @Column({ type: 'uuid', name: 'unit_id' })
  @ForeignKey(() => Unit, { name: 'user_survey_result_unit_id_fkey' })
  unitId: string;

  @Column({ type: 'text' })
  question: string;

  @Column({ type: 'numeric', precision: 5, scale: 2, name: 'share_positive', nullable: true })
  sharePositive: string | null;

  @Column({ type: 'integer' })
  respondents: number;

  @Column({ type: 'uuid', name: 'imported_by' })
  @ForeignKey(() => User, { name: 'user_survey_result_imported_by_fkey' })
  importedBy: string;

  @Column({ type: 'timestamptz', name: 'imported_at', default: () => 'now()' })
  importedAt: Date;
}

@Entity('goal_survey_evidence')
@Index('goal_survey_evidence_survey_idx', ['surveyId'])
@Check('goal_survey_evidence_question_check', 'length(question) BETWEEN 1 AND 500')
export class GoalSurveyEvidenceRow {
  @PrimaryColumn({ type: 'uuid', name: 'goal_id' })
  @ForeignKey(() => Goal, { name: 'goal_survey_evidence_goal_id_fkey' })
  goalId: string;

  @PrimaryColumn({ type: 'uuid', name: 'survey_id' })
  @ForeignKey(() => UserSurveyRow, { name: 'goal_survey_evidence_survey_id_fkey' })
  surveyId: string;

  @PrimaryColumn({ type: 'text' })
  question: string;

  @Column({ type: 'uuid', name: 'cited_by' })
  @ForeignKey(() => User, { name: 'goal_survey_evidence_cited_by_fkey' })
  citedBy: string;

  @Column({ type: 'timestamptz', name: 'cited_at', default: () => 'now()' })
  citedAt: Date;
}
