import { Arg, Authorized, Ctx, Field, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';

import { PLANNERS, PLAN_READERS } from '../access/roles.js';
import { callerOf, principalOf, type GraphQLContext } from '../shared/context.js';
import { graphqlEnum } from '../shared/graphql-enums.js';
import type { Role } from '../users/user.entity.js';
import { ComparisonValueRow } from './comparison-value.entity.js';
import type { ComparisonFormat } from './comparison.service.js';

export const ComparisonFormatEnum = graphqlEnum('ComparisonFormat', ['kolada_json', 'csv'] as const, {
  description: "Kolada's open API v2 data JSON, or a CSV: municipality,indicator,period,value.",
});

@ObjectType()
export class ComparisonImport {
  @Field(() => Int)
  inserted: number;

  @Field(() => Int, { description: 'Values that were there and were replaced.' })
  replaced: number;
}

@ObjectType({ description: "Imported values of an indicator, with the caller's own municipality marked: a board sees its result next to others'." })
export class Comparison {
  @Field(() => String, { description: "Your municipality's kommunkod." })
  ownMunicipalityCode: string;

  @Field(() => [ComparisonValueRow])
  values: ComparisonValueRow[];
}

@Resolver()
export class ComparisonResolver {
  @Authorized<Role>(...PLANNERS)
  @Mutation(() => ComparisonImport, {
    description: 'Imports comparison values; a file with any problem is refused whole, each problem named by row and field.',
  })
  importComparisonValues(
    @Arg('format', () => ComparisonFormatEnum) format: ComparisonFormat,
    @Arg('content', () => String) content: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ComparisonImport> {
    return ctx.services.comparison.import(callerOf(ctx), format, content);
  }

  @Authorized<Role>(...PLAN_READERS)
  @Query(() => Comparison)
  async comparison(
    @Arg('indicator', () => String, { nullable: true }) indicator: string | undefined,
    @Arg('period', () => String, { nullable: true }) period: string | undefined,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Comparison> {
    const { ownCode, values } = await ctx.services.comparison.values(principalOf(ctx), { indicator, period });
    return { ownMunicipalityCode: ownCode, values };
  }
}
