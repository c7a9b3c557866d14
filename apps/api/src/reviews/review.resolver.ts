import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { GraphQLUUID, GraphQLDateTime } from 'graphql-scalars';
import { ArrayMaxSize, Length, ValidateNested } from 'class-validator';
import { callerOf, type GraphQLContext } from '../shared/context.js';
import { CareRecipient } from '../recipients/care-recipient.entity.js';
import { Unit } from '../organisation/organisation.entities.js';
import { FollowUpAction } from '../followup/follow-up-action.entity.js';
import { SuggestedAction, TemplateVersion } from '../templates/template.types.js';
import { templateVersionView } from '../templates/template-view.js';
import { itemIndexOf } from '../templates/item-index.js';
import { Answer, DiscardedResult, IdentifiedRisk, Review, ReviewConnection, ReviewSubmissionResult } from './review.types.js';
import { CompleteReviewInput, DiscardResultInput, MAX_ANSWERS, MAX_BATCH, OfferReviewInput, AnswerInput, ReviewFilter, ReviewInput } from './review.inputs.js';
import { encodeCursor } from './review.service.js';
import { notFound } from '../shared/app-error.js';
import { CARE_READERS, REVIEWERS } from '../access/roles.js';
import type { Role } from '../users/user.entity.js';

// A risk carries its review's template version, where its suggested actions are defined.
type RiskWithTemplate = IdentifiedRisk & { templateVersionId: string };

@ArgsType()
class SubmitReviewsArgs {
  @Field(() => [ReviewInput])
  @ArrayMaxSize(MAX_BATCH)
  @ValidateNested({ each: true })
  input: ReviewInput[];
}

@ArgsType()
class SaveAnswersArgs {
  @Field(() => GraphQLUUID)
  reviewId: string;

  @Field(() => [AnswerInput])
  @ArrayMaxSize(MAX_ANSWERS)
  answers: AnswerInput[];
}

@ArgsType()
class DeclineArgs {
  @Field(() => GraphQLUUID)
  reviewId: string;

  @Field(() => String)
  @Length(1, 500)
  reason: string;

  @Field(() => GraphQLDateTime, { nullable: true })
  performedAt?: Date | null;
}

@Resolver(() => Review)
export class ReviewResolver {
  @Authorized<Role>(...CARE_READERS)
  @Query(() => ReviewConnection, { description: 'Reviews in your scope, newest offered first. Every review returned is an audited read.' })
  async reviews(
    @Ctx() ctx: GraphQLContext,
    @Arg('filter', () => ReviewFilter, { nullable: true }) filter?: ReviewFilter,
    @Arg('first', () => Int, { defaultValue: 50, description: '1 to 500.' }) first = 50,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<ReviewConnection> {
    const page = await ctx.services.reviews.list(callerOf(ctx), filter ?? {}, first, after);
    for (const row of page.rows) {
      ctx.loaders.recipient.prime(row.recipient.id, row.recipient);
      ctx.loaders.unit.prime(row.unit.id, row.unit);
    }
    const edges = page.rows.map((row) => ({ cursor: encodeCursor(row.review), node: row.review }));
    return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  @Authorized<Role>(...CARE_READERS)
  @Query(() => Review)
  review(@Arg('id', () => GraphQLUUID) id: string, @Ctx() ctx: GraphQLContext): Promise<Review> {
    return ctx.services.reviews.get(callerOf(ctx), id);
  }

  @Authorized<Role>(...REVIEWERS)
  @Mutation(() => [ReviewSubmissionResult], {
    description:
      'Stores reviews finished on a phone (completed or declined), exactly once per clientId. Each review is judged on its own: ' +
      'good ones are stored, bad ones come back REJECTED with a reason, and ones stored earlier come back ALREADY_STORED.',
  })
  async submitReviews(@Args(() => SubmitReviewsArgs) { input }: SubmitReviewsArgs, @Ctx() ctx: GraphQLContext): Promise<ReviewSubmissionResult[]> {
    const results = await ctx.services.reviews.submit(callerOf(ctx), input);
    // The write answered with each created review's risks: no query to read them back.
    for (const r of results) if (r.outcome === 'created') ctx.loaders.risksByReview.prime(r.review.id, r.risks);
    return results;
  }

  @Authorized<Role>(...REVIEWERS)
  @Mutation(() => ReviewSubmissionResult, {
    description:
      "Stores a review that submitReviews refused you because its recipient is in another unit, with the recipient's current unit, " +
      'as a hand-over from yours (audited, with the reason). Exactly once per clientId, as submitReviews. See docs/api.md for the rules.',
  })
  async handOverReview(
    @Arg('input', () => ReviewInput) input: ReviewInput,
    @Arg('reason', () => String, { description: '1 to 500 characters, kept in the audit log.' }) reason: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ReviewSubmissionResult> {
    const result = await ctx.services.reviews.handOver(callerOf(ctx), input, reason);
    if (result.outcome === 'created') ctx.loaders.risksByReview.prime(result.review.id, result.risks);
    return result;
  }

  @Authorized<Role>(...REVIEWERS)
  @Mutation(() => DiscardedResult, {
    description:
      'Records that a phone discards a result the server refused, and why, in the audit log, so that nothing disappears without a trace. ' +
      'Once per clientId: the same discard again answers the first.',
  })
  discardResult(@Arg('input', () => DiscardResultInput) input: DiscardResultInput, @Ctx() ctx: GraphQLContext): Promise<DiscardedResult> {
    return ctx.services.reviews.discard(callerOf(ctx), input);
  }

  @Authorized<Role>(...REVIEWERS)
  @Mutation(() => Review, { description: 'Records that a review was offered to a care recipient.' })
  offerReview(@Arg('input', () => OfferReviewInput) input: OfferReviewInput, @Ctx() ctx: GraphQLContext): Promise<Review> {
    return ctx.services.reviews.offer(callerOf(ctx), input);
  }

  @Authorized<Role>(...REVIEWERS)
  @Mutation(() => Review, { description: 'The client declined the review; the reason is recorded.' })
  declineReview(@Args(() => DeclineArgs) args: DeclineArgs, @Ctx() ctx: GraphQLContext): Promise<Review> {
    return ctx.services.reviews.finish(callerOf(ctx), args.reviewId, {
      status: 'declined',
      declineReason: args.reason,
      answers: [],
      actions: [],
      consentToShareWithFireService: false,
      performedAt: args.performedAt ?? new Date(),
    });
  }

  @Authorized<Role>(...REVIEWERS)
  @Mutation(() => Review, { description: 'Saves the answers so far; the review is then in progress.' })
  saveReviewAnswers(@Args(() => SaveAnswersArgs) args: SaveAnswersArgs, @Ctx() ctx: GraphQLContext): Promise<Review> {
    return ctx.services.reviews.saveAnswers(callerOf(ctx), args.reviewId, args.answers);
  }

  @Authorized<Role>(...REVIEWERS)
  @Mutation(() => Review, { description: 'Completes a review: every visible required item answered; risks are derived and stored.' })
  completeReview(
    @Arg('reviewId', () => GraphQLUUID) reviewId: string,
    @Arg('input', () => CompleteReviewInput) input: CompleteReviewInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Review> {
    return ctx.services.reviews.finish(callerOf(ctx), reviewId, { ...input, status: 'completed', performedAt: input.performedAt ?? new Date() });
  }

  @FieldResolver(() => [Answer], { description: 'In template order of the answered items.' })
  async answers(@Root() review: Review, @Ctx() ctx: GraphQLContext): Promise<Answer[]> {
    // jsonb keeps keys in its own order (shortest first), so the order comes from the template.
    const row = await ctx.services.templates.versionById(review.templateVersionId);
    const index = row ? itemIndexOf(row.definition) : undefined;
    const at = (key: string) => index?.get(key)?.position ?? Number.MAX_SAFE_INTEGER;
    const entries = Object.entries(review.answersJson).sort(([a], [b]) => at(a) - at(b));
    return entries.map(([itemKey, v]) => ({
      itemKey,
      value: typeof v === 'string' ? v : null,
      number: typeof v === 'number' ? v : null,
    }));
  }

  @FieldResolver(() => CareRecipient)
  recipient(@Root() review: Review, @Ctx() ctx: GraphQLContext): Promise<CareRecipient> {
    return ctx.loaders.recipient.load(review.recipientId);
  }

  @FieldResolver(() => Unit)
  unit(@Root() review: Review, @Ctx() ctx: GraphQLContext): Promise<Unit> {
    return ctx.loaders.unit.load(review.unitId);
  }

  @FieldResolver(() => [IdentifiedRisk])
  async risks(@Root() review: Review, @Ctx() ctx: GraphQLContext): Promise<RiskWithTemplate[]> {
    const risks = await ctx.loaders.risksByReview.load(review.id);
    return risks.map((risk) => ({ ...risk, templateVersionId: review.templateVersionId }));
  }

  @FieldResolver(() => [FollowUpAction])
  actions(@Root() review: Review, @Ctx() ctx: GraphQLContext): Promise<FollowUpAction[]> {
    return ctx.loaders.actionsByReview.load(review.id);
  }

  @FieldResolver(() => TemplateVersion)
  async templateVersion(@Root() review: Review, @Ctx() ctx: GraphQLContext): Promise<TemplateVersion> {
    const row = await ctx.services.templates.versionById(review.templateVersionId);
    if (!row) throw notFound('Template version');
    return templateVersionView(row);
  }
}

@Resolver(() => IdentifiedRisk)
export class IdentifiedRiskResolver {
  @FieldResolver(() => [SuggestedAction], { description: 'From the template version the review used.' })
  async suggestedActions(@Root() risk: RiskWithTemplate, @Ctx() ctx: GraphQLContext): Promise<SuggestedAction[]> {
    const row = await ctx.services.templates.versionById(risk.templateVersionId);
    const item = row ? itemIndexOf(row.definition).get(risk.itemKey)?.item : undefined;
    return (item?.risk?.suggestedActions ?? []) as SuggestedAction[];
  }
}
