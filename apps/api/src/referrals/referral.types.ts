import { Field, ID, Int, ObjectType } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { REFERRAL_OUTCOMES, type HousingType, type ReferralOutcome, type Severity } from '@hjulet/domain';
import { PartnerAreaView } from '../partners/partner.types.js';
import { graphqlEnum, HousingTypeEnum, SeverityEnum } from '../shared/graphql-enums.js';

export const ReferralOutcomeEnum = graphqlEnum('ReferralOutcome', REFERRAL_OUTCOMES, {
  description: 'What the fire service did about a referral.',
  valuesConfig: {
    CONTACTED_LANDLORD: { description: 'The fire service contacted the landlord (hyresvärd).' },
    HOME_VISIT_BOOKED: { description: 'The fire service booked a home visit.' },
    NO_ACTION: { description: 'The fire service will take no action.' },
  },
});
export type ReferralOutcomeEnum = ReferralOutcome;

@ObjectType('ReferralRisk', { description: 'A risk the client agreed to share: which checklist item, its category and severity.' })
export class ReferralRiskView {
  @Field(() => String, { description: "The checklist item's key, e.g. alarm_present." })
  itemKey: string;

  @Field(() => String, { description: 'Risk category, e.g. brand, utrymning, el, fall, fastighet.' })
  category: string;

  @Field(() => SeverityEnum)
  severity: Severity;
}

@ObjectType('Referral', {
  description: 'Risks a client consented to share with the fire service: the address and the risks, nothing about the person.',
})
export class ReferralView {
  @Field(() => ID)
  id: string;

  @Field(() => GraphQLDateTime, { description: 'When the review that found the risks was stored.' })
  createdAt: Date;

  @Field(() => PartnerAreaView)
  area: PartnerAreaView;

  @Field(() => String, { nullable: true, description: 'The home address; null when the home-care unit has not recorded one.' })
  address: string | null;

  @Field(() => HousingTypeEnum, { description: 'Rented flat, owned flat, house or other: says whether a landlord is concerned.' })
  housingType: HousingType;

  @Field(() => [ReferralRiskView])
  risks: ReferralRiskView[];

  @Field(() => ReferralOutcomeEnum, { nullable: true, description: 'The outcome acknowledged, null until then.' })
  outcome: ReferralOutcome | null;

  @Field(() => GraphQLDateTime, { nullable: true })
  acknowledgedAt: Date | null;
}

@ObjectType('ReferralPage', { description: 'Referrals after a cursor, oldest first.' })
export class ReferralPageView {
  @Field(() => [ReferralView])
  referrals: ReferralView[];

  @Field(() => String, { description: 'Pass as `since` to get the referrals after these; unchanged when there were none.' })
  cursor: string;

  @Field(() => Boolean, { description: 'Whether more referrals wait after this page.' })
  hasMore: boolean;

  @Field(() => Int)
  count: number;
}

@ObjectType('FireServiceReferral', { description: 'A risk shared with the fire service, as the home-care unit sees it: when, and what came of it.' })
export class FireServiceReferralView {
  @Field(() => ID)
  referralId: string;

  @Field(() => GraphQLDateTime)
  sharedAt: Date;

  @Field(() => ReferralOutcomeEnum, { nullable: true, description: "The fire service's outcome; null until it acknowledges." })
  outcome: ReferralOutcome | null;

  @Field(() => GraphQLDateTime, { nullable: true })
  acknowledgedAt: Date | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'Set when the client withdrew consent: the fire service no longer sees it.' })
  withdrawnAt: Date | null;
}

@ObjectType('ConsentWithdrawal', { description: 'The answer to withdrawing consent to share a review with the fire service.' })
export class ConsentWithdrawalView {
  @Field(() => ID)
  reviewId: string;

  @Field(() => Boolean, { description: 'Always false after a withdrawal.' })
  consentToShareWithFireService: boolean;

  @Field(() => ID, { nullable: true, description: 'The referral taken out of the fire service’s view; null when there was none.' })
  withdrawnReferralId: string | null;
}
