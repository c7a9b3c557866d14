import { Field, Int, ObjectType } from 'type-graphql';
import type { HousingType } from '@hjulet/domain';
import { graphqlEnum, HousingTypeEnum } from '../shared/graphql-enums.js';
import { PartnerAreaView } from '../partners/partner.types.js';

export const RISK_STATISTICS_GROUPINGS = ['area', 'category', 'month', 'quarter', 'housing_type'] as const;
export type RiskStatisticsGrouping = (typeof RISK_STATISTICS_GROUPINGS)[number];
export const RiskStatisticsGroupingEnum = graphqlEnum('RiskStatisticsGrouping', RISK_STATISTICS_GROUPINGS, {
  description: 'How risk statistics are split besides the period: by area, risk category, month or quarter (not both), housing type.',
});

@ObjectType('SuppressedCount', {
  description: 'A count as published: null with `suppressed` when it is 1–4 or could reveal one (docs/partner-api.md, "Suppression rules").',
})
export class SuppressedCountView {
  @Field(() => Int, { nullable: true })
  count: number | null;

  @Field(() => Boolean)
  suppressed: boolean;
}

@ObjectType('RiskStatisticsRow', { description: 'De-identified risk statistics for one period and group; a null group key means all of them.' })
export class RiskStatisticsRowView {
  @Field(() => String, { description: 'The period: 2026, 2026-Q2 or 2026-05.' })
  period: string;

  @Field(() => PartnerAreaView, { nullable: true, description: 'The area; null: all your areas.' })
  area: PartnerAreaView | null;

  @Field(() => HousingTypeEnum, { nullable: true, description: 'null: every housing type.' })
  housingType: HousingType | null;

  @Field(() => String, { nullable: true, description: 'A risk category key of the templates (e.g. brand); null: any category.' })
  category: string | null;

  @Field(() => SuppressedCountView, { description: 'People offered a review in the period (declined ones included).' })
  reviewsOffered: SuppressedCountView;

  @Field(() => SuppressedCountView, { description: 'People who completed a review in the period.' })
  reviewsCompleted: SuppressedCountView;

  @Field(() => SuppressedCountView, { description: 'People with a completed review with at least one risk (of the category, on a category row).' })
  reviewsWithRisk: SuppressedCountView;

  @Field(() => SuppressedCountView, {
    nullable: true,
    description: "Risks of a person's previous review that a review in the period checked again; null on a category row.",
  })
  risksFollowedUp: SuppressedCountView | null;

  @Field(() => SuppressedCountView, {
    nullable: true,
    description: 'Of those, the risks no longer found (resolved by the next review); null on a category row.',
  })
  risksResolved: SuppressedCountView | null;
}
