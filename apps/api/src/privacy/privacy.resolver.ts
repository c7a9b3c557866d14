import { Arg, Authorized, Ctx, Field, ID, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { GraphQLDateTime, GraphQLLocalDate, GraphQLUUID } from 'graphql-scalars';
import { ADMINS } from '../access/roles.js';
import { ExportedFile } from '../interchange/interchange.types.js';
import { callerOf, type GraphQLContext } from '../shared/context.js';
import { graphqlEnum, RoleEnum } from '../shared/graphql-enums.js';
import type { Role } from '../users/user.entity.js';
import { ACCESS_REVIEW_KINDS, swedishDay, type AccessReviewKind } from './access-review.rules.js';

/** Who reviews the access log: admins for the municipality, coordinators for their administration's users. */
const LOG_REVIEWERS = ['admin', 'quality_coordinator'] as const satisfies readonly Role[];

const AccessReviewKindEnum = graphqlEnum('AccessReviewKind', ACCESS_REVIEW_KINDS, {
  description: 'The rule a day of reads broke (docs/data-protection.md, "Daily log review").',
  valuesConfig: {
    OUTSIDE_UNIT: { description: 'Read care recipients of another unit (a coordinator: of another administration).' },
    ODD_HOURS: { description: 'Read care recipients at night, Swedish time (22–06 unless configured).' },
    BULK: { description: 'Read more distinct care recipients in one hour than the configured limit.' },
  },
});

@ObjectType({ description: 'What erasing a care recipient removed: their reference, address and free text; reviews stay as de-identified statistics.' })
class CareRecipientErasure {
  @Field(() => ID)
  careRecipientId: string;

  @Field(() => GraphQLDateTime)
  erasedAt: Date;

  @Field(() => Int, { description: 'Reviews kept de-identified.' })
  reviews: number;

  @Field(() => Int, { description: 'Free-text answers removed.' })
  freeTextAnswers: number;

  @Field(() => Int)
  actions: number;

  @Field(() => Int)
  events: number;

  @Field(() => Int)
  referrals: number;

  @Field(() => Int, { description: 'Deviations about the person kept for the statistics, their free text removed.' })
  deviations: number;

  @Field(() => Int, {
    description: 'Lex Sarah reports about the person kept whole: documentation the provider must keep (docs/data-protection.md); retention culls them.',
  })
  lexSarahReportsKept: number;
}

@ObjectType({ description: "One finding of the daily log review: a user's reads on one day that broke a rule." })
class AccessReviewFlag {
  @Field(() => ID)
  id: string;

  @Field(() => GraphQLLocalDate)
  day: string;

  @Field(() => ID)
  actorId: string;

  @Field(() => String)
  actorName: string;

  @Field(() => RoleEnum)
  actorRole: string;

  @Field(() => AccessReviewKindEnum)
  kind: AccessReviewKind;

  @Field(() => Int, { description: 'Reads that broke the rule.' })
  reads: number;

  @Field(() => Int, { description: 'Distinct care recipients among them.' })
  recipients: number;

  @Field(() => GraphQLDateTime)
  firstAt: Date;

  @Field(() => GraphQLDateTime)
  lastAt: Date;

  @Field(() => ID, { nullable: true })
  reviewedBy: string | null;

  @Field(() => GraphQLDateTime, { nullable: true })
  reviewedAt: Date | null;

  @Field(() => String, { nullable: true })
  reviewNote: string | null;
}

@Resolver()
export class PrivacyResolver {
  @Authorized<Role>(...ADMINS)
  @Mutation(() => CareRecipientErasure, {
    description:
      "Erases a care recipient's identifying data on request (reference, address, free text); their reviews stay as de-identified statistics. Audited; cannot be undone.",
  })
  eraseCareRecipient(
    @Arg('careRecipientId', () => GraphQLUUID) careRecipientId: string,
    @Arg('reason', () => String, { description: 'Why, e.g. the request and its case number (1–500 characters).' }) reason: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<CareRecipientErasure> {
    return ctx.services.erasure.eraseOnRequest(callerOf(ctx), careRecipientId, reason);
  }

  @Authorized<Role>(...ADMINS)
  @Query(() => ExportedFile, {
    description: "One care recipient's log (loggutdrag) as CSV: who read or changed what of theirs, and when. Taking it is audited.",
  })
  async careRecipientLogExtract(@Arg('careRecipientId', () => GraphQLUUID) careRecipientId: string, @Ctx() ctx: GraphQLContext): Promise<ExportedFile> {
    const { csv } = await ctx.services.audit.extractForRecipient(callerOf(ctx), careRecipientId);
    return {
      fileName: `loggutdrag-${careRecipientId.slice(0, 8)}.csv`,
      contentType: 'text/csv; charset=utf-8',
      contentBase64: Buffer.from(csv).toString('base64'),
    };
  }

  @Authorized<Role>(...LOG_REVIEWERS)
  @Query(() => [AccessReviewFlag], { description: 'Flags of the daily log review in your scope, newest day first (at most 1000).' })
  accessReviewFlags(
    @Ctx() ctx: GraphQLContext,
    @Arg('from', () => GraphQLLocalDate, { nullable: true, description: 'Default: 30 days ago.' }) from?: string,
    @Arg('to', () => GraphQLLocalDate, { nullable: true, description: 'Default: today.' }) to?: string,
    @Arg('unreviewedOnly', () => Boolean, { defaultValue: false }) unreviewedOnly = false,
  ): Promise<AccessReviewFlag[]> {
    const now = new Date();
    return ctx.services.accessReview.list(callerOf(ctx), from ?? swedishDay(new Date(now.getTime() - 30 * 86_400_000)), to ?? swedishDay(now), unreviewedOnly);
  }

  @Authorized<Role>(...LOG_REVIEWERS)
  @Mutation(() => AccessReviewFlag, { description: 'Marks a flag of the daily log review as looked into, with a note.' })
  markAccessReviewFlagReviewed(
    @Arg('id', () => GraphQLUUID) id: string,
    @Arg('note', () => String, { nullable: true }) note: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AccessReviewFlag> {
    return ctx.services.accessReview.markReviewed(callerOf(ctx), id, note ?? null);
  }
}
