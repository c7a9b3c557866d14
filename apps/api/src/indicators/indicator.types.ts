import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { GraphQLDateTime, GraphQLLocalDate, GraphQLUUID } from 'graphql-scalars';
import {
  INDICATOR_GROUPINGS,
  INDICATOR_KINDS,
  PERIOD_GRAINS,
  type HousingType,
  type IndicatorGrouping,
  type IndicatorKind,
  type PeriodGrain,
} from '@hjulet/domain';
import { graphqlEnum, HousingTypeEnum } from '../shared/graphql-enums.js';
import { CareRecipient } from '../recipients/care-recipient.entity.js';
import type { ReadSourceKind } from '../shared/read-source.js';

export const IndicatorKindEnum = graphqlEnum('IndicatorKind', INDICATOR_KINDS, {
  description: 'An indicator computed from the reviews in the database; docs/indicators.md defines each.',
});
export type IndicatorKindEnum = IndicatorKind;

export const IndicatorGroupingEnum = graphqlEnum('IndicatorGrouping', INDICATOR_GROUPINGS);
export type IndicatorGroupingEnum = IndicatorGrouping;

export const PeriodGrainEnum = graphqlEnum('PeriodGrain', PERIOD_GRAINS);
export type PeriodGrainEnum = PeriodGrain;

@InputType({ description: 'Calendar periods in Swedish time: from the start of `from` to the end of `to`, split by `grain`.' })
export class PeriodInput {
  @Field(() => String, { description: 'A period key: 2026, 2026-H1, 2026-Q3 or 2026-11.' })
  from: string;

  @Field(() => String, { nullable: true, description: 'The last period included (default: `from`).' })
  to?: string | null;

  @Field(() => PeriodGrainEnum, { nullable: true, description: 'Split into months, quarters or years; none: the whole range is one period.' })
  grain?: PeriodGrain | null;
}

@InputType()
export class IndicatorFilter {
  @Field(() => [GraphQLUUID], { nullable: true, description: 'Only these units (within your scope).' })
  unitIds?: string[] | null;

  @Field(() => [GraphQLUUID], { nullable: true })
  areaIds?: string[] | null;

  @Field(() => [HousingTypeEnum], { nullable: true })
  housingTypes?: HousingType[] | null;

  @Field(() => [IndicatorKindEnum], { nullable: true, description: 'Only these indicators (default: all).' })
  indicators?: IndicatorKind[] | null;
}

@ObjectType({ description: 'One indicator for one period and group: numerator / denominator = value.' })
export class IndicatorRow {
  @Field(() => IndicatorKindEnum)
  indicator: IndicatorKind;

  @Field(() => String, { nullable: true, description: 'Risk category, for risk indicators; null: all categories together.' })
  category: string | null;

  @Field(() => String, { description: 'The period key: 2026-03, 2026-Q1, 2026, or from–to for a range without grain.' })
  period: string;

  @Field(() => GraphQLLocalDate)
  periodStart: string;

  @Field(() => ID, { nullable: true, description: 'Null unless grouped by unit.' })
  unitId: string | null;

  @Field(() => String, { nullable: true })
  unitName: string | null;

  @Field(() => ID, { nullable: true, description: 'Null unless grouped by area.' })
  areaId: string | null;

  @Field(() => String, { nullable: true })
  areaName: string | null;

  @Field(() => HousingTypeEnum, { nullable: true, description: 'Null unless grouped by housing type.' })
  housingType: HousingType | null;

  @Field(() => Int, { nullable: true, description: 'Null for the median, which has no numerator.' })
  numerator: number | null;

  @Field(() => Int, { description: 'For the median: the number of closed actions behind it.' })
  denominator: number;

  @Field(() => Float, { nullable: true, description: 'A share 0–1, or days for the median; null when the denominator is 0.' })
  value: number | null;
}

@ObjectType({ description: 'Open follow-up actions now, and how many are past their due date.' })
export class ActionBacklogRow {
  @Field(() => ID, { nullable: true })
  unitId: string | null;

  @Field(() => String, { nullable: true })
  unitName: string | null;

  @Field(() => ID, { nullable: true })
  areaId: string | null;

  @Field(() => String, { nullable: true })
  areaName: string | null;

  @Field(() => HousingTypeEnum, { nullable: true })
  housingType: HousingType | null;

  @Field(() => Int)
  open: number;

  @Field(() => Int)
  overdue: number;
}

@ObjectType({ description: 'A care recipient due a review who has not been offered one in the period.' })
export class WorkListEntry {
  @Field(() => CareRecipient)
  recipient: CareRecipient;

  @Field(() => String)
  unitName: string;

  @Field(() => String)
  areaName: string;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When a review was last offered, in any period.' })
  lastOfferedAt: Date | null;
}

export const ReadSourceKindEnum = graphqlEnum('ReadSourceKind', ['primary', 'replica'] as const, {
  description: 'The database an answer was read from: the primary, or a streaming read replica.',
});
export type ReadSourceKindEnum = ReadSourceKind;

@ObjectType({ description: 'As of when the indicators of this request are: a read replica may be a little behind.' })
export class ReadFreshness {
  @Field(() => GraphQLDateTime, { description: 'Everything committed before this moment is counted ("Data per").' })
  asOf: Date;

  @Field(() => ReadSourceKindEnum)
  source: ReadSourceKind;

  @Field(() => Float, { description: 'How far the replica was behind, in seconds; 0 on the primary.' })
  lagSeconds: number;

  @Field(() => Boolean, { description: 'A replica is configured but was too far behind or unreachable: the primary answered.' })
  fellBack: boolean;
}

@ObjectType()
export class ScopeOption {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  name: string;
}

@ObjectType({ description: 'The units and areas you may filter indicators by.' })
export class IndicatorScope {
  @Field(() => [ScopeOption])
  units: ScopeOption[];

  @Field(() => [ScopeOption])
  areas: ScopeOption[];
}
