import { Args, Authorized, Ctx, Field, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { callerOf, principalOf, type GraphQLContext } from '../shared/context.js';
import { Administration, Area, Municipality, Unit } from './organisation.entities.js';
import { CreateAdministrationArgs, CreateAreaArgs, CreateUnitArgs } from './organisation.inputs.js';
import { ADMINS } from '../access/roles.js';
import type { Role } from '../users/user.entity.js';

@ObjectType({ description: "The caller's municipality with its administrations, units and areas." })
class OrganisationView {
  @Field(() => Municipality)
  municipality: Municipality;

  @Field(() => [Administration])
  administrations: Administration[];

  @Field(() => [Unit])
  units: Unit[];

  @Field(() => [Area])
  areas: Area[];
}

@Resolver()
export class OrganisationResolver {
  @Authorized()
  @Query(() => OrganisationView)
  organisation(@Ctx() ctx: GraphQLContext): Promise<OrganisationView> {
    return ctx.services.organisation.organisationOf(principalOf(ctx).municipalityId);
  }

  @Authorized<Role>(...ADMINS)
  @Mutation(() => Administration)
  createAdministration(@Args(() => CreateAdministrationArgs) args: CreateAdministrationArgs, @Ctx() ctx: GraphQLContext): Promise<Administration> {
    return ctx.services.organisation.createAdministration(callerOf(ctx), args.name);
  }

  @Authorized<Role>(...ADMINS)
  @Mutation(() => Unit)
  createUnit(@Args(() => CreateUnitArgs) args: CreateUnitArgs, @Ctx() ctx: GraphQLContext): Promise<Unit> {
    return ctx.services.organisation.createUnit(callerOf(ctx), args.administrationId, args.name);
  }

  @Authorized<Role>(...ADMINS)
  @Mutation(() => Area)
  createArea(@Args(() => CreateAreaArgs) args: CreateAreaArgs, @Ctx() ctx: GraphQLContext): Promise<Area> {
    return ctx.services.organisation.createArea(callerOf(ctx), args.code, args.name);
  }
}
