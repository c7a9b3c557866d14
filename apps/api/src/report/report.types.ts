import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Goal, ImprovementAction } from '../plan/plan.entities.js';
import { LessonOfGoal } from '../plan/plan.types.js';
import { ReportDeviationSummary, ReportFeedbackSummary } from './report-records.types.js';
import { ReportSelfCheckRow } from './report-self-checks.js';

@ObjectType({ description: 'Risks of one category found in the period, and what was done about them.' })
export class ReportRiskRow {
  @Field(() => String)
  category: string;

  @Field(() => Int)
  found: number;

  @Field(() => Int, { description: 'Risks that got at least one action.' })
  withAction: number;

  @Field(() => Int, { description: 'Risks with an action done.' })
  actionsDone: number;
}

@ObjectType({ description: "The effect at people's next review: earlier risks gone or still there, and new ones." })
export class ReportEffects {
  @Field(() => Int)
  gone: number;

  @Field(() => Int)
  stillThere: number;

  @Field(() => Int)
  new: number;

  @Field(() => Float, { nullable: true, description: 'Gone / (gone + still there): risks resolved by the next review.' })
  resolvedShare: number | null;
}

@ObjectType()
export class ReportEventCount {
  @Field(() => String)
  kind: string;

  @Field(() => Int)
  count: number;
}

@ObjectType({ description: 'The kvalitetsberättelse for a year and scope: goals and results, risks and actions, effects, open actions, lessons.' })
export class QualityReport {
  @Field(() => Int)
  year: number;

  @Field(() => [String], { description: 'The units the numbers are of.' })
  units: string[];

  @Field(() => Float, { nullable: true, description: 'Coverage of the year in the scope, from the one indicator definition (docs/indicators.md).' })
  coverage: number | null;

  @Field(() => [Goal], { description: "The year's goals; their follow-ups carry value, target and whether it was met." })
  goals: Goal[];

  @Field(() => [ReportRiskRow])
  risks: ReportRiskRow[];

  @Field(() => ReportEffects)
  effects: ReportEffects;

  @Field(() => [ReportEventCount])
  events: ReportEventCount[];

  @Field(() => Int)
  openRiskActions: number;

  @Field(() => Int)
  overdueRiskActions: number;

  @Field(() => [ImprovementAction], { description: 'Improvement actions on the year’s goals still open.' })
  openImprovementActions: ImprovementAction[];

  @Field(() => [LessonOfGoal])
  lessons: LessonOfGoal[];

  @Field(() => ReportDeviationSummary, { description: 'Deviations: what was reported, found and changed (docs/quality-records.md).' })
  deviationSummary: ReportDeviationSummary;

  @Field(() => ReportFeedbackSummary, { description: 'Complaints and feedback: received by kind, answered, answered by the deadline.' })
  feedbackSummary: ReportFeedbackSummary;
  @Field(() => [ReportSelfCheckRow], { description: 'Self-checks (egenkontroll) of the year, by plan.' })
  selfChecks: ReportSelfCheckRow[];
}
