import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { GraphQLUUID } from 'graphql-scalars';
import { callerOf, principalOf, type GraphQLContext } from '../shared/context.js';
import { PLANNERS, PLAN_READERS } from '../access/roles.js';
import type { Role } from '../users/user.entity.js';
import { Activity, Goal, GoalFollowUp, ImprovementAction, Lesson, QualityDimension } from './plan.entities.js';
import { ActivityStatusEnum } from './plan.enums.js';
import { CreateActivityInput, CreateGoalInput, CreateImprovementActionInput, RecordFollowUpInput, RecordLessonInput } from './plan.inputs.js';
import { LessonOfGoal, OverdueAction } from './plan.types.js';

@Resolver(() => Goal)
export class GoalResolver {
  @Authorized<Role>(...PLAN_READERS)
  @Query(() => [QualityDimension], { description: "The municipality's quality dimensions (Växjö's six by default)." })
  qualityDimensions(@Ctx() ctx: GraphQLContext): Promise<QualityDimension[]> {
    return ctx.services.plan.dimensions(principalOf(ctx));
  }

  @Authorized<Role>(...PLAN_READERS)
  @Query(() => [Goal], { description: 'Goals of the administrations in your scope (a unit manager: their unit’s administration), newest year first.' })
  goals(@Arg('year', () => Int, { nullable: true }) year: number | undefined, @Ctx() ctx: GraphQLContext): Promise<Goal[]> {
    return ctx.services.plan.goals(callerOf(ctx), { year });
  }

  @Authorized<Role>(...PLAN_READERS)
  @Query(() => Goal)
  goal(@Arg('id', () => GraphQLUUID) id: string, @Ctx() ctx: GraphQLContext): Promise<Goal> {
    return ctx.services.plan.goal(callerOf(ctx), id);
  }

  @Authorized<Role>(...PLAN_READERS)
  @Query(() => [LessonOfGoal], { description: "Lessons of a year's goals in your scope: shown when the next year's goals are written." })
  lessons(@Arg('year', () => Int) year: number, @Ctx() ctx: GraphQLContext): Promise<LessonOfGoal[]> {
    return ctx.services.plan.lessonsOfYear(callerOf(ctx), year);
  }

  @Authorized<Role>(...PLAN_READERS)
  @Query(() => [OverdueAction], { description: 'Open actions past their due date in your scope: on risks and on goals that fell short.' })
  overdueActions(@Arg('unitId', () => GraphQLUUID, { nullable: true }) unitId: string | undefined, @Ctx() ctx: GraphQLContext): Promise<OverdueAction[]> {
    return ctx.services.act.overdue(callerOf(ctx), unitId);
  }

  @Authorized<Role>(...PLANNERS)
  @Mutation(() => Goal, { description: "A goal of the board's plan (quality coordinator of the administration, or admin)." })
  createGoal(@Arg('input', () => CreateGoalInput) input: CreateGoalInput, @Ctx() ctx: GraphQLContext): Promise<Goal> {
    return ctx.services.plan.createGoal(callerOf(ctx), input);
  }

  @Authorized<Role>(...PLAN_READERS)
  @Mutation(() => Activity, { description: "An activity towards a goal in one unit (the unit's manager, the coordinator, an admin)." })
  createActivity(@Arg('input', () => CreateActivityInput) input: CreateActivityInput, @Ctx() ctx: GraphQLContext): Promise<Activity> {
    return ctx.services.plan.createActivity(callerOf(ctx), input);
  }

  @Authorized<Role>(...PLAN_READERS)
  @Mutation(() => Activity)
  setActivityStatus(
    @Arg('id', () => GraphQLUUID) id: string,
    @Arg('status', () => ActivityStatusEnum) status: ActivityStatusEnum,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Activity> {
    return ctx.services.plan.setActivityStatus(callerOf(ctx), id, status);
  }

  @Authorized<Role>(...PLAN_READERS)
  @Mutation(() => GoalFollowUp, { description: "Records a goal's follow-up for a period (again: replaces its value, comment and evidence)." })
  recordFollowUp(@Arg('input', () => RecordFollowUpInput) input: RecordFollowUpInput, @Ctx() ctx: GraphQLContext): Promise<GoalFollowUp> {
    return ctx.services.plan.recordFollowUp(callerOf(ctx), input);
  }

  @Authorized<Role>(...PLAN_READERS)
  @Mutation(() => Lesson)
  recordLesson(@Arg('input', () => RecordLessonInput) input: RecordLessonInput, @Ctx() ctx: GraphQLContext): Promise<Lesson> {
    return ctx.services.plan.recordLesson(callerOf(ctx), input.followUpId, input.learned, input.changeNext);
  }

  @Authorized<Role>(...PLAN_READERS)
  @Mutation(() => ImprovementAction, { description: 'An improvement action on a goal that fell short in a follow-up.' })
  createImprovementAction(
    @Arg('input', () => CreateImprovementActionInput) input: CreateImprovementActionInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ImprovementAction> {
    return ctx.services.plan.createImprovementAction(callerOf(ctx), input);
  }

  @Authorized<Role>(...PLAN_READERS)
  @Mutation(() => ImprovementAction)
  closeImprovementAction(
    @Arg('id', () => GraphQLUUID) id: string,
    @Arg('done', () => Boolean, { description: 'True: done; false: cancelled.' }) done: boolean,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ImprovementAction> {
    return ctx.services.plan.closeImprovementAction(callerOf(ctx), id, done ? 'done' : 'cancelled');
  }

  @FieldResolver(() => [Activity], { description: 'Its activities in your scope (a unit manager: their unit’s).' })
  activities(@Root() goal: Goal, @Ctx() ctx: GraphQLContext): Promise<Activity[]> {
    return ctx.services.plan.activitiesOf(principalOf(ctx), [goal.id]);
  }

  @FieldResolver(() => [GoalFollowUp], { description: 'Its follow-ups in your scope (a unit manager: their unit’s).' })
  followUps(@Root() goal: Goal, @Ctx() ctx: GraphQLContext): Promise<GoalFollowUp[]> {
    return ctx.services.plan.followUpsOf(principalOf(ctx), [goal.id]);
  }
}

@Resolver(() => GoalFollowUp)
export class GoalFollowUpResolver {
  @FieldResolver(() => Boolean, { nullable: true, description: 'Whether the value meets the goal’s target; null without a value.' })
  async met(@Root() followUp: GoalFollowUp, @Ctx() ctx: GraphQLContext): Promise<boolean | null> {
    const goal = await ctx.services.plan.goalOf(principalOf(ctx), followUp);
    return ctx.services.plan.met(goal, followUp);
  }

  @FieldResolver(() => [Lesson])
  lessons(@Root() followUp: GoalFollowUp, @Ctx() ctx: GraphQLContext): Promise<Lesson[]> {
    return ctx.services.plan.lessonsOfFollowUps([followUp.id]);
  }

  @FieldResolver(() => [ImprovementAction], { description: 'Its improvement actions in your scope.' })
  improvementActions(@Root() followUp: GoalFollowUp, @Ctx() ctx: GraphQLContext): Promise<ImprovementAction[]> {
    return ctx.services.plan.improvementActionsOfFollowUps(principalOf(ctx), [followUp.id]);
  }
}
