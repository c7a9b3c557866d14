import { Arg, Authorized, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { IndicatorGrouping } from '@hjulet/domain';
import { INDICATOR_READERS, SUPERVISORS } from '../access/roles.js';
import { callerOf, type GraphQLContext } from '../shared/context.js';
import { WORK_LIST_LIMIT, WORK_LIST_PAGE } from './indicator.service.js';
import type { Role } from '../users/user.entity.js';
import {
  ActionBacklogRow,
  IndicatorFilter,
  IndicatorGroupingEnum,
  IndicatorRow,
  IndicatorScope,
  PeriodInput,
  ReadFreshness,
  WorkListEntry,
} from './indicator.types.js';

@Resolver()
export class IndicatorResolver {
  @Authorized<Role>(...INDICATOR_READERS)
  @Query(() => [IndicatorRow], { description: 'Indicators for your scope, by period and the groupings asked for (docs/indicators.md).' })
  indicators(
    @Arg('period', () => PeriodInput) period: PeriodInput,
    @Arg('groupBy', () => [IndicatorGroupingEnum], { nullable: true }) groupBy: IndicatorGrouping[] | undefined,
    @Arg('filter', () => IndicatorFilter, { nullable: true }) filter: IndicatorFilter | undefined,
    @Ctx() ctx: GraphQLContext,
  ): Promise<IndicatorRow[]> {
    return ctx.services.indicators.values(callerOf(ctx), period, groupBy ?? [], filter ?? {});
  }

  @Authorized<Role>(...INDICATOR_READERS)
  @Query(() => [ActionBacklogRow], { description: 'Open and overdue follow-up actions now, in your scope.' })
  actionBacklog(
    @Arg('groupBy', () => [IndicatorGroupingEnum], { nullable: true }) groupBy: IndicatorGrouping[] | undefined,
    @Arg('filter', () => IndicatorFilter, { nullable: true }) filter: IndicatorFilter | undefined,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ActionBacklogRow[]> {
    return ctx.services.indicators.backlog(callerOf(ctx), groupBy ?? [], filter ?? {});
  }

  @Authorized<Role>(...SUPERVISORS)
  @Query(() => [WorkListEntry], {
    description: 'Care recipients in your scope not yet offered a review in the period, those offered one longest ago (or never) first; each read is audited.',
  })
  coverageWorkList(
    @Arg('period', () => String, { description: 'A period key, e.g. 2026.' }) period: string,
    @Arg('filter', () => IndicatorFilter, { nullable: true }) filter: IndicatorFilter | undefined,
    @Arg('first', () => Int, { defaultValue: WORK_LIST_PAGE, description: `How many, 1 to ${WORK_LIST_LIMIT}.` }) first: number,
    @Ctx() ctx: GraphQLContext,
  ): Promise<WorkListEntry[]> {
    return ctx.services.indicators.workList(callerOf(ctx), period, filter ?? {}, first);
  }

  @Authorized<Role>(...INDICATOR_READERS)
  @Query(() => ReadFreshness, { description: "As of when this request's indicators, backlog and statistics are (ask in the same request)." })
  readFreshness(@Ctx() ctx: GraphQLContext): Promise<ReadFreshness> {
    return ctx.services.indicators.freshness();
  }

  @Authorized<Role>(...INDICATOR_READERS)
  @Query(() => IndicatorScope, { description: 'The units and areas you may filter indicators by.' })
  indicatorScope(@Ctx() ctx: GraphQLContext): Promise<IndicatorScope> {
    return ctx.services.indicators.scope(callerOf(ctx));
  }
}
