import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { GraphQLDateTime, GraphQLLocalDate } from 'graphql-scalars';
import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';
import type { ActivityStatus, ImprovementStatus, IndicatorKey, TargetDirection } from '@hjulet/domain';
import { Administration, Municipality, Unit } from '../organisation/organisation.entities.js';
import { User } from '../users/user.entity.js';
import { ActivityStatusEnum, ImprovementStatusEnum, TargetDirectionEnum, ValueSourceEnum, type ValueSource } from './plan.enums.js';
// A goal targets an indicator of the one indicator set: the enum the indicators feature answers with.
import { IndicatorKindEnum } from '../indicators/indicator.types.js';

/** One of a municipality's quality dimensions (Växjö's six by default), which every goal is tagged with. */
@ObjectType({ description: "A quality dimension of the municipality's list (Växjö's six by default)." })
@Entity('quality_dimension')
@Unique('quality_dimension_municipality_id_key_key', ['municipalityId', 'key'])
@Check('quality_dimension_key_check', "key ~ '^[a-z][a-z0-9_]{0,63}$'")
@Check('quality_dimension_name_sv_check', 'length(name_sv) BETWEEN 1 AND 100')
@Check('quality_dimension_name_en_check', 'length(name_en) BETWEEN 1 AND 100')
export class QualityDimension {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'municipality_id' })
  @ForeignKey(() => Municipality, { name: 'quality_dimension_municipality_id_fkey' })
  municipalityId: string;

  @Field(() => String)
  @Column({ type: 'text' })
  key: string;

  @Field(() => String)
  @Column({ type: 'text', name: 'name_sv' })
  nameSv: string;

  @Field(() => String)
  @Column({ type: 'text', name: 'name_en' })
  nameEn: string;

  @Column({ type: 'integer' })
  position: number;
}

/** A goal of the board's plan (uppdragsplan) for a year, with the indicator and value that show it is met. */
@ObjectType({ description: "A goal of the board's plan: text, board, year, quality dimension, target indicator and value." })
@Entity('goal')
@Index('goal_administration_year_idx', ['administrationId', 'year'])
@Check('goal_board_check', 'length(board) BETWEEN 1 AND 200')
@Check('goal_year_check', 'year BETWEEN 2000 AND 2100')
@Check('goal_text_check', 'length(text) BETWEEN 1 AND 2000')
@Check(
  'goal_target_indicator_check',
  "target_indicator IN ('coverage', 'acceptance', 'risk_prevalence', 'risks_with_action', 'action_closure', 'median_days_to_close', 'risks_resolved_by_next_review')",
)
@Check('goal_target_direction_check', "target_direction IN ('at_least', 'at_most')")
export class Goal {
  @Field(() => ID)
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid', name: 'administration_id' })
  @ForeignKey(() => Administration, { name: 'goal_administration_id_fkey' })
  administrationId: string;

  @Field(() => String, { description: 'The board (nämnd) whose plan the goal is from.' })
  @Column({ type: 'text' })
  board: string;

  @Field(() => Int)
  @Column({ type: 'integer' })
  year: number;

  @Field(() => String)
  @Column({ type: 'text' })
  text: string;

  @Field(() => String, { description: "A key of the municipality's quality dimensions." })
  @Column({ type: 'text', name: 'quality_dimension' })
  qualityDimension: string;

  @Field(() => IndicatorKindEnum)
  @Column({ type: 'text', name: 'target_indicator' })
  targetIndicator: IndicatorKey;

  @Field(() => TargetDirectionEnum)
  @Column({ type: 'text', name: 'target_direction' })
  targetDirection: TargetDirection;

  @Field(() => Float, { description: 'A share as 0–1 (1 = 100 %), or a number of days.' })
  @Column({ type: 'double precision', name: 'target_value' })
  targetValue: number;

  @Column({ type: 'uuid', name: 'created_by' })
  @ForeignKey(() => User, { name: 'goal_created_by_fkey' })
  createdById: string;

  @Field(() => GraphQLDateTime)
  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}

/** What a unit does towards a goal: who is responsible, by when, how far it has come. */
@ObjectType({ description: 'An activity towards a goal, in one unit.' })
@Entity('activity')
@Index('activity_goal_idx', ['goalId'])
@Index('activity_unit_idx', ['unitId'])
@Check('activity_what_check', 'length(what) BETWEEN 1 AND 1000')
@Check('activity_status_check', "status IN ('planned', 'in_progress', 'done', 'cancelled')")
export class Activity {
  @Field(() => ID)
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid', name: 'goal_id' })
  @ForeignKey(() => Goal, { name: 'activity_goal_id_fkey' })
  goalId: string;

  @Field(() => ID)
  @Column({ type: 'uuid', name: 'unit_id' })
  @ForeignKey(() => Unit, { name: 'activity_unit_id_fkey' })
  unitId: string;

  @Field(() => String)
  @Column({ type: 'text' })
  what: string;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', name: 'responsible_id', nullable: true })
  @ForeignKey(() => User, { name: 'activity_responsible_id_fkey' })
  responsibleId: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true })
  @Column({ type: 'date', name: 'due_date', nullable: true })
  dueDate: string | null;

  @Field(() => ActivityStatusEnum)
  @Column({ type: 'text' })
  status: ActivityStatus;

  @Column({ type: 'uuid', name: 'created_by' })
  @ForeignKey(() => User, { name: 'activity_created_by_fkey' })
  createdById: string;

  @Field(() => GraphQLDateTime)
  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}

/** A follow-up of a goal for one period: the value against the target, a comment and the evidence. */
@ObjectType({ description: 'A follow-up of a goal for a period: value against target, comment, evidence.' })
@Entity('goal_follow_up')
@Index('goal_follow_up_goal_idx', ['goalId', 'period'])
@Check('goal_follow_up_period_check', "period ~ '^[0-9]{4}(-(H[12]|Q[1-4]|[0-9]{2}))?$'")
@Check('goal_follow_up_value_source_check', "value_source IN ('computed', 'manual')")
@Check('goal_follow_up_comment_check', 'length(comment) <= 4000')
@Check('goal_follow_up_evidence_check', 'cardinality(evidence) <= 20')
export class GoalFollowUp {
  @Field(() => ID)
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid', name: 'goal_id' })
  @ForeignKey(() => Goal, { name: 'goal_follow_up_goal_id_fkey' })
  goalId: string;

  @Field(() => ID, { nullable: true, description: "One unit's follow-up; null for the goal's whole administration." })
  @Column({ type: 'uuid', name: 'unit_id', nullable: true })
  @ForeignKey(() => Unit, { name: 'goal_follow_up_unit_id_fkey' })
  unitId: string | null;

  @Field(() => String)
  @Column({ type: 'text' })
  period: string;

  @Field(() => Float, { nullable: true })
  @Column({ type: 'double precision', nullable: true })
  value: number | null;

  @Field(() => ValueSourceEnum)
  @Column({ type: 'text', name: 'value_source' })
  valueSource: ValueSource;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Field(() => [String], { description: 'Links to the evidence: the aggregate and the list behind it.' })
  @Column({ type: 'text', array: true })
  evidence: string[];

  @Column({ type: 'uuid', name: 'created_by' })
  @ForeignKey(() => User, { name: 'goal_follow_up_created_by_fkey' })
  createdById: string;

  @Field(() => GraphQLDateTime)
  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}

/** What a follow-up taught, and what changes next year: read when the next period's goals are written. */
@ObjectType({ description: 'A lesson recorded on a follow-up: what we learned, what changes next year.' })
@Entity('lesson')
@Index('lesson_follow_up_idx', ['followUpId'])
@Check('lesson_learned_check', 'length(learned) BETWEEN 1 AND 4000')
@Check('lesson_change_next_check', 'length(change_next) BETWEEN 1 AND 4000')
export class Lesson {
  @Field(() => ID)
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid', name: 'follow_up_id' })
  @ForeignKey(() => GoalFollowUp, { name: 'lesson_follow_up_id_fkey' })
  followUpId: string;

  @Field(() => String)
  @Column({ type: 'text' })
  learned: string;

  @Field(() => String)
  @Column({ type: 'text', name: 'change_next' })
  changeNext: string;

  @Column({ type: 'uuid', name: 'created_by' })
  @ForeignKey(() => User, { name: 'lesson_created_by_fkey' })
  createdById: string;

  @Field(() => GraphQLDateTime)
  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}

/** An improvement action on a goal that fell short in a follow-up. */
@ObjectType({ description: 'An improvement action on a goal that fell short: owner, due date, status.' })
@Entity('improvement_action')
@Index('improvement_action_follow_up_idx', ['followUpId'])
@Check('improvement_action_what_check', 'length(what) BETWEEN 1 AND 1000')
@Check('improvement_action_status_check', "status IN ('open', 'done', 'cancelled')")
@Check('improvement_action_closed_check', "(status = 'open') = (closed_at IS NULL)")
export class ImprovementAction {
  @Field(() => ID)
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid', name: 'follow_up_id' })
  @ForeignKey(() => GoalFollowUp, { name: 'improvement_action_follow_up_id_fkey' })
  followUpId: string;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', name: 'unit_id', nullable: true })
  @ForeignKey(() => Unit, { name: 'improvement_action_unit_id_fkey' })
  unitId: string | null;

  @Field(() => String)
  @Column({ type: 'text' })
  what: string;

  @Field(() => ID)
  @Column({ type: 'uuid', name: 'owner_id' })
  @ForeignKey(() => User, { name: 'improvement_action_owner_id_fkey' })
  ownerId: string;

  @Field(() => GraphQLLocalDate)
  @Column({ type: 'date', name: 'due_date' })
  dueDate: string;

  @Field(() => ImprovementStatusEnum)
  @Column({ type: 'text' })
  status: ImprovementStatus;

  @Field(() => GraphQLDateTime, { nullable: true })
  @Column({ type: 'timestamptz', name: 'closed_at', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'uuid', name: 'created_by' })
  @ForeignKey(() => User, { name: 'improvement_action_created_by_fkey' })
  createdById: string;

  @Field(() => GraphQLDateTime)
  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
