import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { GraphQLUUID } from 'graphql-scalars';
import { SELF_CHECK_PERFORMERS, SELF_CHECK_PLANNERS, SELF_CHECK_READERS, type Grant } from '../access/roles.js';
import { callerOf, type GraphQLContext } from '../shared/context.js';
import {
  SelfCheckActionInput,
  SelfCheckPlanChange,
  SelfCheckPlanFilter,
  SelfCheckPlanInput,
  SelfCheckPlanView,
  SelfCheckResultFilter,
  SelfCheckResultInput,
  SelfCheckResultView,
} from './self-check.types.js';

@Resolver()
export class SelfCheckResolver {
  @Authorized<Grant>(...SELF_CHECK_READERS)
  @Query(() => [SelfCheckPlanView], { description: 'The self-check plans of your scope, active first, with when each is next due.' })
  selfCheckPlans(@Arg('filter', () => SelfCheckPlanFilter, { nullable: true }) filter: SelfCheckPlanFilter | null, @Ctx() ctx: GraphQLContext) {
    return ctx.services.selfChecks.plans(callerOf(ctx), filter);
  }

  @Authorized<Grant>(...SELF_CHECK_READERS)
  @Query(() => [SelfCheckResultView], { description: 'Completed self-checks of your scope, newest first, with findings and their actions.' })
  selfCheckResults(@Arg('filter', () => SelfCheckResultFilter, { nullable: true }) filter: SelfCheckResultFilter | null, @Ctx() ctx: GraphQLContext) {
    return ctx.services.selfChecks.results(callerOf(ctx), filter);
  }

  @Authorized<Grant>(...SELF_CHECK_PLANNERS)
  @Mutation(() => SelfCheckPlanView, { description: 'Plans a self-check of a unit you reach.' })
  createSelfCheckPlan(@Arg('input', () => SelfCheckPlanInput) input: SelfCheckPlanInput, @Ctx() ctx: GraphQLContext) {
    return ctx.services.selfChecks.createPlan(callerOf(ctx), input);
  }

  @Authorized<Grant>(...SELF_CHECK_PLANNERS)
  @Mutation(() => SelfCheckPlanView, { description: 'Changes how often and by whom, the first date, or ends the plan (active: false).' })
  updateSelfCheckPlan(
    @Arg('id', () => GraphQLUUID) id: string,
    @Arg('input', () => SelfCheckPlanChange) input: SelfCheckPlanChange,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.selfChecks.updatePlan(callerOf(ctx), id, input);
  }

  @Authorized<Grant>(...SELF_CHECK_PERFORMERS)
  @Mutation(() => SelfCheckResultView, {
    description: "Records a completed self-check: stored once per clientId; findings come from the checklist's rules.",
  })
  recordSelfCheck(@Arg('input', () => SelfCheckResultInput) input: SelfCheckResultInput, @Ctx() ctx: GraphQLContext) {
    return ctx.services.selfChecks.record(callerOf(ctx), input);
  }

  @Authorized<Grant>(...SELF_CHECK_PLANNERS)
  @Mutation(() => SelfCheckResultView, { description: 'An action on a finding, with owner and due date.' })
  addSelfCheckAction(
    @Arg('findingId', () => GraphQLUUID) findingId: string,
    @Arg('input', () => SelfCheckActionInput) input: SelfCheckActionInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.selfChecks.addAction(callerOf(ctx), findingId, input);
  }

  @Authorized<Grant>(...SELF_CHECK_PLANNERS)
  @Mutation(() => SelfCheckResultView, { description: "Marks a finding's action done." })
  completeSelfCheckAction(@Arg('id', () => GraphQLUUID) id: string, @Ctx() ctx: GraphQLContext) {
    return ctx.services.selfChecks.completeAction(callerOf(ctx), id);
  }
}
