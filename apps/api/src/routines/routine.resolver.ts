import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { GraphQLUUID } from 'graphql-scalars';
import { ROUTINE_MAINTAINERS, ROUTINE_PLANNERS, ROUTINE_READERS, type Grant } from '../access/roles.js';
import { callerOf, type GraphQLContext } from '../shared/context.js';
import type { Routine, RoutineConfirmation, RoutineReader } from './routine.service.js';
import type { ProcessRecord } from './routine.repository.js';
import {
  RoutineActivityView,
  RoutineConfirmationInput,
  RoutineConfirmationView,
  RoutineFilter,
  RoutineInput,
  RoutineProcessView,
  RoutineReaderView,
  RoutineView,
} from './routine.types.js';

@Resolver()
export class RoutineResolver {
  @Authorized<Grant>(...ROUTINE_READERS)
  @Query(() => [RoutineProcessView], { description: "The municipality's processes and their activities: the register's outline." })
  routineProcesses(@Ctx() ctx: GraphQLContext): Promise<ProcessRecord[]> {
    return ctx.services.routines.processes(callerOf(ctx));
  }

  @Authorized<Grant>(...ROUTINE_READERS)
  @Query(() => [RoutineView], { description: "The routines you read: the municipality's own and your scope's units'." })
  routines(@Arg('filter', () => RoutineFilter, { nullable: true }) filter: RoutineFilter | null, @Ctx() ctx: GraphQLContext): Promise<Routine[]> {
    return ctx.services.routines.routines(callerOf(ctx), filter);
  }

  @Authorized<Grant>(...ROUTINE_READERS)
  @Query(() => RoutineView)
  routine(@Arg('id', () => GraphQLUUID) id: string, @Ctx() ctx: GraphQLContext): Promise<Routine> {
    return ctx.services.routines.routine(callerOf(ctx), id);
  }

  @Authorized<Grant>(...ROUTINE_MAINTAINERS)
  @Query(() => [RoutineReaderView], { description: 'Who in your scope should read the routine, and who has confirmed its current version.' })
  routineReaders(@Arg('routineId', () => GraphQLUUID) routineId: string, @Ctx() ctx: GraphQLContext): Promise<RoutineReader[]> {
    return ctx.services.routines.readers(callerOf(ctx), routineId);
  }

  @Authorized<Grant>(...ROUTINE_PLANNERS)
  @Mutation(() => RoutineProcessView)
  createRoutineProcess(
    @Arg('name', () => String) name: string,
    @Arg('description', () => String, { nullable: true }) description: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ProcessRecord> {
    return ctx.services.routines.createProcess(callerOf(ctx), name, description);
  }

  @Authorized<Grant>(...ROUTINE_PLANNERS)
  @Mutation(() => RoutineActivityView)
  createProcessActivity(
    @Arg('processId', () => GraphQLUUID) processId: string,
    @Arg('name', () => String) name: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<{ id: string; name: string }> {
    return ctx.services.routines.createActivity(callerOf(ctx), processId, name);
  }

  @Authorized<Grant>(...ROUTINE_MAINTAINERS)
  @Mutation(() => RoutineView, { description: 'A new routine, version 1.' })
  createRoutine(@Arg('input', () => RoutineInput) input: RoutineInput, @Ctx() ctx: GraphQLContext): Promise<Routine> {
    return ctx.services.routines.create(callerOf(ctx), input);
  }

  @Authorized<Grant>(...ROUTINE_MAINTAINERS)
  @Mutation(() => RoutineView, { description: 'Changes a routine. A change to what staff read makes a new version; a new review date alone does not.' })
  reviseRoutine(@Arg('id', () => GraphQLUUID) id: string, @Arg('input', () => RoutineInput) input: RoutineInput, @Ctx() ctx: GraphQLContext): Promise<Routine> {
    return ctx.services.routines.revise(callerOf(ctx), id, input);
  }

  @Authorized<Grant>(...ROUTINE_READERS)
  @Mutation(() => RoutineConfirmationView, {
    description: '"Read and understood" of one version. Idempotent by clientId: sent again, it is answered as stored.',
  })
  confirmRoutine(@Arg('input', () => RoutineConfirmationInput) input: RoutineConfirmationInput, @Ctx() ctx: GraphQLContext): Promise<RoutineConfirmation> {
    return ctx.services.routines.confirm(callerOf(ctx), input);
  }
}
