import { Arg, Authorized, Ctx, Int, Query, Resolver } from 'type-graphql';
import { GraphQLUUID } from 'graphql-scalars';
import { INDICATOR_READERS } from '../access/roles.js';
import { callerOf, type GraphQLContext } from '../shared/context.js';
import type { Role } from '../users/user.entity.js';
import type { QualityRecordStatistics } from './quality-record.service.js';
import { QualityRecordStatisticsView, StatisticsGranularityEnum, type StatisticsGranularity } from './quality-record.types.js';

@Resolver()
export class QualityRecordResolver {
  @Authorized<Role>(...INDICATOR_READERS)
  @Query(() => QualityRecordStatisticsView, {
    description:
      'Deviations and complaints/feedback of a year by source, category, unit and period for your scope, or one unit of it: counts only, small ones suppressed (docs/quality-records.md).',
  })
  qualityRecordStatistics(
    @Arg('year', () => Int) year: number,
    @Arg('unitId', () => GraphQLUUID, { nullable: true }) unitId: string | undefined,
    @Arg('granularity', () => StatisticsGranularityEnum, { defaultValue: 'month' }) granularity: StatisticsGranularity,
    @Ctx() ctx: GraphQLContext,
  ): Promise<QualityRecordStatistics> {
    return ctx.services.qualityRecords.statistics(callerOf(ctx), year, unitId ?? undefined, granularity);
  }
}
