import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { GraphQLUUID } from 'graphql-scalars';
import type { ReferralOutcome } from '@hjulet/domain';
import { partnerWith, REVIEWERS, type Grant } from '../access/roles.js';
import { FollowUpAction } from '../followup/follow-up-action.entity.js';
import { callerOf, partnerOf, type GraphQLContext } from '../shared/context.js';
import { ConsentWithdrawalView, FireServiceReferralView, ReferralOutcomeEnum, ReferralPageView, ReferralView } from './referral.types.js';

@Resolver()
export class ReferralResolver {
  @Authorized<Grant>(...partnerWith('referrals:read'))
  @Query(() => ReferralPageView, {
    description: 'For partner tokens: referrals for your areas after the cursor `since` (from the start without it), oldest first.',
  })
  referrals(
    @Arg('since', () => String, { nullable: true }) since: string | undefined,
    @Arg('first', () => Int, { defaultValue: 100, description: 'Page size, 1 to 500.' }) first: number,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ReferralPageView> {
    return ctx.services.referrals.feed(partnerOf(ctx), ctx.requestId, since, first);
  }

  @Authorized<Grant>(...partnerWith('referrals:ack'))
  @Mutation(() => ReferralView, { description: 'For partner tokens: records what you did about a referral. Acknowledging again replaces the outcome.' })
  acknowledgeReferral(
    @Arg('id', () => GraphQLUUID) id: string,
    @Arg('outcome', () => ReferralOutcomeEnum) outcome: ReferralOutcome,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ReferralView> {
    return ctx.services.referrals.acknowledge(partnerOf(ctx), ctx.requestId, id, outcome);
  }

  @Authorized<Grant>(...REVIEWERS)
  @Mutation(() => ConsentWithdrawalView, {
    description: "The client withdrew consent to share the review with the fire service: its referral leaves the fire service's view.",
  })
  withdrawFireServiceConsent(@Arg('reviewId', () => GraphQLUUID) reviewId: string, @Ctx() ctx: GraphQLContext): Promise<ConsentWithdrawalView> {
    return ctx.services.referrals.withdrawConsent(callerOf(ctx), reviewId);
  }
}

@Resolver(() => FollowUpAction)
export class FollowUpReferralResolver {
  @FieldResolver(() => FireServiceReferralView, {
    nullable: true,
    description: "The referral that shared this action's risk with the fire service, with the fire service's outcome; null when not shared.",
  })
  async fireServiceReferral(@Root() action: FollowUpAction, @Ctx() ctx: GraphQLContext): Promise<FireServiceReferralView | null> {
    return action.riskId ? ctx.loaders.referralByRisk.load(action.riskId) : null;
  }
}
