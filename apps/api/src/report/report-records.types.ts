import { Field, Float, ObjectType } from 'type-graphql';
import { SuppressedCountView } from '../statistics/risk-statistics.types.js';

/*
 * The kvalitetsberättelse's sections on deviations and on complaints and feedback (docs/quality-records.md):
 * counts of the year's records, read off the same suppressed publication as the dashboard's statistics.
 */

@ObjectType({ description: 'Records of one category (null: all) received in the year, and how far they came.' })
export class ReportRecordRow {
  @Field(() => String, { nullable: true })
  category: string | null;

  @Field(() => SuppressedCountView)
  received: SuppressedCountView;

  @Field(() => SuppressedCountView)
  investigated: SuppressedCountView;

  @Field(() => SuppressedCountView)
  closed: SuppressedCountView;

  @Field(() => SuppressedCountView, { description: 'Closed (feedback: answered) by the deadline.' })
  closedInTime: SuppressedCountView;

  @Field(() => SuppressedCountView, { nullable: true, description: 'With at least one action; null where the source has no actions.' })
  withActions: SuppressedCountView | null;

  @Field(() => Float, { nullable: true })
  medianDaysToClose: number | null;
}

@ObjectType({ description: 'Investigated deviations outside lex Sarah whose cause analysis named this cause.' })
export class ReportCauseCount {
  @Field(() => String)
  cause: string;

  @Field(() => SuppressedCountView)
  count: SuppressedCountView;
}

@ObjectType({
  description: 'Deviations of the year: what was reported (by category, lex Sarah as one), what was found (causes), what was changed (actions).',
})
export class ReportDeviationSummary {
  @Field(() => [ReportRecordRow])
  byCategory: ReportRecordRow[];

  @Field(() => ReportRecordRow)
  total: ReportRecordRow;

  @Field(() => SuppressedCountView, { description: 'Lex Sarah reports: a count only, never their content or kind.' })
  lexSarahReports: SuppressedCountView;

  @Field(() => SuppressedCountView, { description: 'Lex Sarah reports investigated as serious: notified to IVO.' })
  ivoNotifications: SuppressedCountView;

  @Field(() => [ReportCauseCount], { description: 'What investigations found: causes named by cause analyses (lex Sarah reports left out).' })
  causes: ReportCauseCount[];

  @Field(() => SuppressedCountView, { description: 'Actions decided on the year’s deviations.' })
  actionsDecided: SuppressedCountView;

  @Field(() => SuppressedCountView, { description: 'Of those, actions done.' })
  actionsDone: SuppressedCountView;
}

@ObjectType({ description: 'Complaints and feedback of the year by kind: received, answered, answered by the deadline.' })
export class ReportFeedbackSummary {
  @Field(() => [ReportRecordRow])
  byKind: ReportRecordRow[];

  @Field(() => ReportRecordRow)
  total: ReportRecordRow;
}
