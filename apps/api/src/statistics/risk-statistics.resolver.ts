import { Arg, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { partnerWith, type Grant } from '../access/roles.js';
import { partnerOf, type GraphQLContext } from '../shared/context.js';
import { RiskStatisticsGroupingEnum, RiskStatisticsRowView, type RiskStatisticsGrouping } from './risk-statistics.types.js';

@Resolver()
export class RiskStatisticsResolver {
  @Authorized<Grant>(...partnerWith('risk_statistics:read'))
  @Query(() => [RiskStatisticsRowView], {
    description: 'For partner tokens with risk_statistics:read: de-identified, suppressed risk statistics for your areas (docs/partner-api.md).',
  })
  riskStatistics(
    @Arg('period', () => String, { description: 'A year (2026), quarter (2026-Q3) or month (2026-11).' }) period: string,
    @Arg('areas', () => [String], { nullable: true, description: 'Area codes to show, with groupBy AREA (default: all your areas).' })
    areas: string[] | undefined,
    @Arg('categories', () => [String], { nullable: true, description: 'Risk categories to show, with groupBy CATEGORY (default: all).' })
    categories: string[] | undefined,
    @Arg('groupBy', () => [RiskStatisticsGroupingEnum], { nullable: true }) groupBy: RiskStatisticsGrouping[] | undefined,
    @Ctx() ctx: GraphQLContext,
  ): Promise<RiskStatisticsRowView[]> {
    return ctx.services.riskStatistics.statistics(partnerOf(ctx), { period, areas, categories, groupBy });
  }
}
