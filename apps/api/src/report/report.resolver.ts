import { Arg, Authorized, Ctx, Int, Query, Resolver } from 'type-graphql';
import { GraphQLUUID } from 'graphql-scalars';
import { PLAN_READERS } from '../access/roles.js';
import { callerOf, type GraphQLContext } from '../shared/context.js';
import type { Role } from '../users/user.entity.js';
import { QualityReport } from './report.types.js';

@Resolver()
export class ReportResolver {
  @Authorized<Role>(...PLAN_READERS)
  @Query(() => QualityReport, { description: 'The quality report (kvalitetsberättelse) of a year for your scope, or one unit of it.' })
  qualityReport(
    @Arg('year', () => Int) year: number,
    @Arg('unitId', () => GraphQLUUID, { nullable: true }) unitId: string | undefined,
    @Ctx() ctx: GraphQLContext,
  ): Promise<QualityReport> {
    return ctx.services.report.qualityReport(callerOf(ctx), year, unitId);
  }
}
