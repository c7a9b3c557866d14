import { Field, ID, ObjectType } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { SeverityEnum } from '../shared/graphql-enums.js';
import type { Severity } from '@hjulet/domain';
import { FollowUpAction } from './follow-up-action.entity.js';
import { CareEvent, CauseAnalysis, RiskEffectEnum } from './risk-follow-up.entities.js';

@ObjectType({ description: "One risk in a person's follow-up: what became of it at the review, why it is there, what was done." })
export class RiskFollowUpItem {
  @Field(() => ID, { description: 'The risk as found (for a gone risk: as the earlier review found it).' })
  riskId: string;

  @Field(() => ID)
  reviewId: string;

  @Field(() => String)
  itemKey: string;

  @Field(() => String)
  category: string;

  @Field(() => SeverityEnum)
  severity: Severity;

  @Field(() => RiskEffectEnum, { nullable: true, description: 'Against the earlier review of the same checklist; null when there was none.' })
  effect: RiskEffectEnum | null;

  @Field(() => CauseAnalysis, { nullable: true })
  causeAnalysis: CauseAnalysis | null;

  @Field(() => [FollowUpAction])
  actions: FollowUpAction[];
}

@ObjectType({ description: "A person's risks at a review compared with their earlier review, with cause analyses, actions and events." })
export class RiskFollowUp {
  @Field(() => ID)
  recipientId: string;

  @Field(() => ID, { nullable: true, description: 'The review looked at; null when the person has no completed review.' })
  reviewId: string | null;

  @Field(() => GraphQLDateTime, { nullable: true })
  performedAt: Date | null;

  @Field(() => ID, { nullable: true, description: 'The earlier review of the same checklist it is compared with.' })
  previousReviewId: string | null;

  @Field(() => [RiskFollowUpItem], { description: 'Still there and new risks of the review, then the gone ones of the earlier review.' })
  items: RiskFollowUpItem[];

  @Field(() => [CareEvent])
  events: CareEvent[];
}
