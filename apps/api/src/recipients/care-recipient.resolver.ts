import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { parsePeriod } from '@hjulet/domain';
import { GraphQLUUID } from 'graphql-scalars';
import { callerOf, type GraphQLContext } from '../shared/context.js';
import { CareRecipient } from './care-recipient.entity.js';
import { CreateCareRecipientInput, UpdateCareRecipientInput } from './care-recipient.inputs.js';
import { PeriodReviewStatus } from './review-status.js';
import { badInput } from '../shared/app-error.js';
import { RECIPIENT_EDITORS, RECIPIENT_READERS } from '../access/roles.js';
import type { Role } from '../users/user.entity.js';

export const SAFETY_TEMPLATE_KEY = 'sakerhet-hjalpbehov';

@Resolver(() => CareRecipient)
export class CareRecipientResolver {
  @Authorized<Role>(...RECIPIENT_READERS)
  @Query(() => [CareRecipient], { description: 'Care recipients in your scope. Every read is audited.' })
  careRecipients(
    @Ctx() ctx: GraphQLContext,
    @Arg('unitId', () => GraphQLUUID, { nullable: true }) unitId?: string,
    @Arg('includeInactive', () => Boolean, { defaultValue: false }) includeInactive?: boolean,
  ): Promise<CareRecipient[]> {
    return ctx.services.recipients.list(callerOf(ctx), { unitId, includeInactive });
  }

  @Authorized<Role>(...RECIPIENT_READERS)
  @Query(() => CareRecipient)
  careRecipient(@Arg('id', () => GraphQLUUID) id: string, @Ctx() ctx: GraphQLContext): Promise<CareRecipient> {
    return ctx.services.recipients.get(callerOf(ctx), id);
  }

  @Authorized<Role>(...RECIPIENT_EDITORS)
  @Mutation(() => CareRecipient)
  createCareRecipient(@Arg('input', () => CreateCareRecipientInput) input: CreateCareRecipientInput, @Ctx() ctx: GraphQLContext): Promise<CareRecipient> {
    return ctx.services.recipients.create(callerOf(ctx), input);
  }

  @Authorized<Role>(...RECIPIENT_EDITORS)
  @Mutation(() => CareRecipient)
  updateCareRecipient(
    @Arg('id', () => GraphQLUUID) id: string,
    @Arg('input', () => UpdateCareRecipientInput) input: UpdateCareRecipientInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<CareRecipient> {
    return ctx.services.recipients.update(callerOf(ctx), id, input);
  }

  @FieldResolver(() => PeriodReviewStatus, { description: "Where this recipient's review stands in a period (default: this year, the safety checklist)." })
  async reviewStatus(
    @Root() recipient: CareRecipient,
    @Ctx() ctx: GraphQLContext,
    @Arg('period', () => String, { nullable: true }) period?: string,
    @Arg('templateKey', () => String, { defaultValue: SAFETY_TEMPLATE_KEY }) templateKey = SAFETY_TEMPLATE_KEY,
  ): Promise<PeriodReviewStatus> {
    const parsed = parsePeriod(period ?? String(new Date().getFullYear()));
    if (!parsed) throw badInput('Period must look like 2026, 2026-H1, 2026-Q3 or 2026-11', 'period');
    const latest = await ctx.loaders.periodReview.load({ recipientId: recipient.id, templateKey, from: parsed.from, to: parsed.to });
    return {
      period: parsed.key,
      status: latest?.status ?? null,
      reviewId: latest?.reviewId ?? null,
      offeredAt: latest?.offeredAt ?? null,
      performedAt: latest?.performedAt ?? null,
    };
  }
}
