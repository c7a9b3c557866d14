import { Arg, Authorized, Ctx, Field, InputType, Mutation, Query, Resolver } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, IsOptional, Length, Matches } from 'class-validator';
import { GraphQLLocalDate, GraphQLUUID } from 'graphql-scalars';
import { CARE_READERS, RISK_FOLLOWERS } from '../access/roles.js';
import { callerOf, type GraphQLContext } from '../shared/context.js';
import type { Role } from '../users/user.entity.js';
import { CareEvent, CauseAnalysis, EventKindEnum, RiskCauseEnum } from './risk-follow-up.entities.js';
import { RiskFollowUp } from './risk-follow-up.types.js';

@InputType()
export class CauseAnalysisInput {
  @Field(() => GraphQLUUID)
  riskId: string;

  @Field(() => [RiskCauseEnum])
  @ArrayMinSize(1)
  @ArrayMaxSize(6)
  causes: RiskCauseEnum[];

  @Field(() => String, { nullable: true, description: 'Free text: the causes in the words of those who know the home.' })
  @IsOptional()
  @Length(0, 2000)
  description?: string | null;
}

@InputType()
export class RecordEventInput {
  @Field(() => GraphQLUUID)
  recipientId: string;

  @Field(() => EventKindEnum)
  kind: EventKindEnum;

  @Field(() => String, { description: 'The risk category it is an outcome of, e.g. fall or brand.' })
  @Matches(/^[a-z][a-z0-9_]{0,63}$/)
  riskCategory: string;

  @Field(() => GraphQLLocalDate)
  occurredOn: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 2000)
  description?: string | null;
}

@Resolver()
export class RiskFollowUpResolver {
  @Authorized<Role>(...CARE_READERS)
  @Query(() => RiskFollowUp, { description: "A person's risks at their latest (or the given) review against the earlier one: gone, still there, new." })
  riskFollowUp(
    @Arg('recipientId', () => GraphQLUUID) recipientId: string,
    @Arg('reviewId', () => GraphQLUUID, { nullable: true }) reviewId: string | undefined,
    @Ctx() ctx: GraphQLContext,
  ): Promise<RiskFollowUp> {
    return ctx.services.riskFollowUp.followUp(callerOf(ctx), recipientId, reviewId);
  }

  @Authorized<Role>(...CARE_READERS)
  @Query(() => [CareEvent], { description: 'Events (falls, fires, near misses) in your scope, newest first.' })
  careEvents(
    @Arg('recipientId', () => GraphQLUUID, { nullable: true }) recipientId: string | undefined,
    @Arg('unitId', () => GraphQLUUID, { nullable: true }) unitId: string | undefined,
    @Ctx() ctx: GraphQLContext,
  ): Promise<CareEvent[]> {
    return ctx.services.riskFollowUp.events(callerOf(ctx), { recipientId, unitId });
  }

  @Authorized<Role>(...RISK_FOLLOWERS)
  @Mutation(() => CauseAnalysis, { description: 'Records (or revises) the cause analysis of a risk.' })
  recordCauseAnalysis(@Arg('input', () => CauseAnalysisInput) input: CauseAnalysisInput, @Ctx() ctx: GraphQLContext): Promise<CauseAnalysis> {
    return ctx.services.riskFollowUp.recordCauseAnalysis(callerOf(ctx), input.riskId, input.causes, input.description);
  }

  @Authorized<Role>(...RISK_FOLLOWERS)
  @Mutation(() => CareEvent, { description: 'Records an event (a fall, a fire, a near miss) against a person and a risk category.' })
  recordCareEvent(@Arg('input', () => RecordEventInput) input: RecordEventInput, @Ctx() ctx: GraphQLContext): Promise<CareEvent> {
    return ctx.services.riskFollowUp.recordEvent(callerOf(ctx), input);
  }
}
