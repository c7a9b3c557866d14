import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { GraphQLUUID } from 'graphql-scalars';
import { ADMINS, DEVIATION_INVESTIGATORS, DEVIATION_READERS, DEVIATION_REPORTERS, type Grant } from '../access/roles.js';
import { callerOf, type GraphQLContext } from '../shared/context.js';
import type { DeviationReceipt, DeviationView, LexSarahReceiver } from './deviation.service.js';
import {
  DeviationActionInput,
  DeviationFilter,
  DeviationInvestigationInput,
  DeviationReceiptView,
  DeviationReportInput,
  DeviationView as DeviationType,
  LexSarahReceiverView,
} from './deviation.types.js';

@Resolver()
export class DeviationResolver {
  @Authorized<Grant>(...DEVIATION_REPORTERS)
  @Mutation(() => DeviationReceiptView, {
    description: "Reports a deviation, from the phone's outbox: stored once per clientId; the same report sent again is answered as before.",
  })
  reportDeviation(@Arg('input', () => DeviationReportInput) input: DeviationReportInput, @Ctx() ctx: GraphQLContext): Promise<DeviationReceipt> {
    return ctx.services.deviations.report(callerOf(ctx), input);
  }

  @Authorized<Grant>(...DEVIATION_READERS)
  @Query(() => [DeviationType], {
    description: 'Deviations you see, newest first: your own reports (staff), your scope’s, and for lex Sarah receivers every lex Sarah report.',
  })
  deviations(@Arg('filter', () => DeviationFilter, { nullable: true }) filter: DeviationFilter | null, @Ctx() ctx: GraphQLContext): Promise<DeviationView[]> {
    return ctx.services.deviations.list(callerOf(ctx), filter);
  }

  @Authorized<Grant>(...DEVIATION_READERS)
  @Query(() => DeviationType)
  deviation(@Arg('id', () => GraphQLUUID) id: string, @Ctx() ctx: GraphQLContext): Promise<DeviationView> {
    return ctx.services.deviations.one(callerOf(ctx), id);
  }

  @Authorized<Grant>(...DEVIATION_INVESTIGATORS)
  @Mutation(() => DeviationType, { description: 'Records (or revises, until closed) the investigation and its cause analysis; status INVESTIGATED.' })
  investigateDeviation(
    @Arg('id', () => GraphQLUUID) id: string,
    @Arg('input', () => DeviationInvestigationInput) input: DeviationInvestigationInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<DeviationView> {
    return ctx.services.deviations.investigate(callerOf(ctx), id, input);
  }

  @Authorized<Grant>(...DEVIATION_INVESTIGATORS)
  @Mutation(() => DeviationType, { description: 'An action so that it does not happen again, with owner and due date.' })
  addDeviationAction(
    @Arg('id', () => GraphQLUUID) id: string,
    @Arg('input', () => DeviationActionInput) input: DeviationActionInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<DeviationView> {
    return ctx.services.deviations.addAction(callerOf(ctx), id, input);
  }

  @Authorized<Grant>(...DEVIATION_INVESTIGATORS)
  @Mutation(() => DeviationType, { description: 'Marks a deviation action done.' })
  completeDeviationAction(@Arg('id', () => GraphQLUUID) id: string, @Ctx() ctx: GraphQLContext): Promise<DeviationView> {
    return ctx.services.deviations.completeAction(callerOf(ctx), id);
  }

  @Authorized<Grant>(...DEVIATION_INVESTIGATORS)
  @Mutation(() => DeviationType, { description: 'Closes an investigated deviation.' })
  closeDeviation(@Arg('id', () => GraphQLUUID) id: string, @Ctx() ctx: GraphQLContext): Promise<DeviationView> {
    return ctx.services.deviations.close(callerOf(ctx), id);
  }

  @Authorized<Grant>(...ADMINS)
  @Query(() => [LexSarahReceiverView], { description: 'The users designated to receive and investigate lex Sarah reports.' })
  lexSarahReceivers(@Ctx() ctx: GraphQLContext): Promise<LexSarahReceiver[]> {
    return ctx.services.deviations.receivers(callerOf(ctx));
  }

  @Authorized<Grant>(...ADMINS)
  @Mutation(() => [LexSarahReceiverView], {
    description: 'Adds a unit manager or coordinator to the lex Sarah group (designated: true) or removes them; answers the group.',
  })
  designateLexSarahReceiver(
    @Arg('userId', () => GraphQLUUID) userId: string,
    @Arg('designated', () => Boolean) designated: boolean,
    @Ctx() ctx: GraphQLContext,
  ): Promise<LexSarahReceiver[]> {
    return ctx.services.deviations.designate(callerOf(ctx), userId, designated);
  }
}
