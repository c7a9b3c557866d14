import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { QUALITY_RECORD_SOURCES, type QualityRecordSource } from '@hjulet/domain';
import { graphqlEnum } from '../shared/graphql-enums.js';
import { SuppressedCountView } from '../statistics/risk-statistics.types.js';

export const QualityRecordSourceEnum = graphqlEnum('QualityRecordSource', QUALITY_RECORD_SOURCES, {
  description: 'A kind of quality record compiled in the statistics.',
  valuesConfig: {
    DEVIATION: { description: 'Deviations (avvikelser), lex Sarah reports counted as one category of their own.' },
    FEEDBACK: { description: 'Complaints and feedback (klagomål och synpunkter).' },
    SELF_CHECK: { description: 'Findings of self-checks (egenkontroll), by severity; closed when every action on one is done.' },
  },
});
export type QualityRecordSourceEnum = QualityRecordSource;

export const STATISTICS_GRANULARITIES = ['month', 'quarter'] as const;
export type StatisticsGranularity = (typeof STATISTICS_GRANULARITIES)[number];
export const StatisticsGranularityEnum = graphqlEnum('StatisticsGranularity', STATISTICS_GRANULARITIES, {
  description: 'The periods a year is split into, besides the year itself.',
});
export type StatisticsGranularityEnum = StatisticsGranularity;

const COHORT = 'Of the records received in the period (whenever the step was taken).';

@ObjectType('QualityRecordCount', {
  description:
    'Counts of one source for one period, category and unit; a null category or unit means all of them. Counts only, never content; suppressed as docs/quality-records.md says.',
})
export class QualityRecordCountView {
  @Field(() => String, { description: 'The period: 2026, 2026-Q2 or 2026-05 (Swedish time, by the day a record was received).' })
  period: string;

  @Field(() => String, { nullable: true, description: 'A category key (a deviation kind, lex_sarah, or a feedback kind); null: all categories.' })
  category: string | null;

  @Field(() => ID, { nullable: true, description: 'The unit; null: all units of the scope.' })
  unitId: string | null;

  @Field(() => SuppressedCountView)
  received: SuppressedCountView;

  @Field(() => SuppressedCountView, { description: `${COHORT} Investigated (a deviation with a cause analysis; a feedback case answered).` })
  investigated: SuppressedCountView;

  @Field(() => SuppressedCountView, { description: `${COHORT} Closed (a feedback case: answered).` })
  closed: SuppressedCountView;

  @Field(() => SuppressedCountView, { description: `${COHORT} Closed by the deadline (a deviation's closing date, a feedback case's answer date).` })
  closedInTime: SuppressedCountView;

  @Field(() => SuppressedCountView, { nullable: true, description: `${COHORT} With at least one action; null where the source has no actions (feedback).` })
  withActions: SuppressedCountView | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Median days from received to closed, of the closed ones; null unless `closed` is shown and at least the threshold.',
  })
  medianDaysToClose: number | null;
}

@ObjectType('QualityRecordSourceStatistics')
export class QualityRecordSourceStatisticsView {
  @Field(() => QualityRecordSourceEnum)
  source: QualityRecordSource;

  @Field(() => [String], { description: 'The categories, in order: every one is in the rows, with 0 where nothing was received.' })
  categories: string[];

  @Field(() => [QualityRecordCountView], {
    description: 'The year by category (or all) and unit (or all), and each month or quarter by category (or all) over all units.',
  })
  rows: QualityRecordCountView[];
}

@ObjectType('QualityRecordUnit')
export class QualityRecordUnitView {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  name: string;
}

@ObjectType('QualityRecordStatistics', { description: 'Deviations and complaints compiled by source, category, unit and period for your scope.' })
export class QualityRecordStatisticsView {
  @Field(() => Int)
  year: number;

  @Field(() => StatisticsGranularityEnum)
  granularity: StatisticsGranularity;

  @Field(() => Int, { description: 'Counts from 1 to threshold − 1 are suppressed, with whatever would reveal them.' })
  threshold: number;

  @Field(() => [QualityRecordUnitView], { description: 'The units the numbers are of.' })
  units: QualityRecordUnitView[];

  @Field(() => [QualityRecordSourceStatisticsView])
  sources: QualityRecordSourceStatisticsView[];
}
