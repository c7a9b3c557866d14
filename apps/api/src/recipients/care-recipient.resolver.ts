import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { GraphQLUUID } from 'graphql-scalars';
import { callerOf, type GraphQLContext } from '../shared/context.js';
import { CareRecipient } from './care-recipient.entity.js';
import { CreateCareRecipientInput, UpdateCareRecipientInput } from './care-recipient.inputs.js';

const READERS = ['staff', 'unit_manager', 'quality_coordinator', 'admin'];
const EDITORS = ['unit_manager', 'admin'];

@Resolver(() => CareRecipient)
export class CareRecipientResolver {
  @Authorized(...READERS)
  @Query(() => [CareRecipient], { description: 'Care recipients in your scope. Every read is audited.' })
  careRecipients(
    @Ctx() ctx: GraphQLContext,
    @Arg('unitId', () => GraphQLUUID, { nullable: true }) unitId?: string,
    @Arg('includeInactive', () => Boolean, { defaultValue: false }) includeInactive?: boolean,
  ): Promise<CareRecipient[]> {
    return ctx.services.recipients.list(callerOf(ctx), { unitId, includeInactive });
  }

  @Authorized(...READERS)
  @Query(() => CareRecipient)
  careRecipient(@Arg('id', () => GraphQLUUID) id: string, @Ctx() ctx: GraphQLContext): Promise<CareRecipient> {
    return ctx.services.recipients.get(callerOf(ctx), id);
  }

  @Authorized(...EDITORS)
  @Mutation(() => CareRecipient)
  createCareRecipient(@Arg('input', () => CreateCareRecipientInput) input: CreateCareRecipientInput, @Ctx() ctx: GraphQLContext): Promise<CareRecipient> {
    return ctx.services.recipients.create(callerOf(ctx), input);
  }

  @Authorized(...EDITORS)
  @Mutation(() => CareRecipient)
  updateCareRecipient(
    @Arg('id', () => GraphQLUUID) id: string,
    @Arg('input', () => UpdateCareRecipientInput) input: UpdateCareRecipientInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<CareRecipient> {
    return ctx.services.recipients.update(callerOf(ctx), id, input);
  }
}
