import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { GraphQLLocalDate, GraphQLUUID } from 'graphql-scalars';
import { callerOf, type GraphQLContext } from '../shared/context.js';
import { FollowUpAction } from './follow-up-action.entity.js';
import { CloseFollowUpActionInput, CreateFollowUpActionInput, FollowUpActionFilter } from './follow-up-action.inputs.js';
import { CARE_READERS, REVIEWERS, UNIT_MANAGERS } from '../access/roles.js';
import type { Role } from '../users/user.entity.js';
import { CareRecipient } from '../recipients/care-recipient.entity.js';

@Resolver(() => FollowUpAction)
export class FollowUpActionResolver {
  @Authorized<Role>(...CARE_READERS)
  @Query(() => [FollowUpAction], { description: 'Follow-up actions in your scope, earliest due first (at most 1000).' })
  followUpActions(
    @Arg('filter', () => FollowUpActionFilter, { nullable: true }) filter: FollowUpActionFilter | undefined,
    @Ctx() ctx: GraphQLContext,
  ): Promise<FollowUpAction[]> {
    return ctx.services.actions.list(callerOf(ctx), filter ?? { mine: false });
  }

  @Authorized<Role>(...REVIEWERS)
  @Mutation(() => FollowUpAction)
  createFollowUpAction(@Arg('input', () => CreateFollowUpActionInput) input: CreateFollowUpActionInput, @Ctx() ctx: GraphQLContext): Promise<FollowUpAction> {
    return ctx.services.actions.create(callerOf(ctx), input);
  }

  @Authorized<Role>(...UNIT_MANAGERS)
  @Mutation(() => FollowUpAction, { description: 'Gives an open action an owner (and a due date).' })
  assignFollowUpAction(
    @Arg('id', () => GraphQLUUID) id: string,
    @Arg('ownerId', () => GraphQLUUID) ownerId: string,
    @Arg('dueDate', () => GraphQLLocalDate, { nullable: true }) dueDate: string | undefined,
    @Ctx() ctx: GraphQLContext,
  ): Promise<FollowUpAction> {
    return ctx.services.actions.assign(callerOf(ctx), id, ownerId, dueDate);
  }

  @Authorized<Role>(...REVIEWERS)
  @Mutation(() => FollowUpAction)
  closeFollowUpAction(
    @Arg('id', () => GraphQLUUID) id: string,
    @Arg('input', () => CloseFollowUpActionInput) input: CloseFollowUpActionInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<FollowUpAction> {
    return ctx.services.actions.close(callerOf(ctx), id, input.outcome, input.note);
  }

  @FieldResolver(() => CareRecipient, { description: 'Whose home the action is about: the care recipient of its review.' })
  async recipient(@Root() action: FollowUpAction, @Ctx() ctx: GraphQLContext): Promise<CareRecipient> {
    return ctx.loaders.recipient.load(await ctx.loaders.recipientIdOfReview.load(action.reviewId));
  }
}
