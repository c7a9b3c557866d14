import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { GraphQLUUID } from 'graphql-scalars';
import { ADMINS } from '../access/roles.js';
import { callerOf, type GraphQLContext } from '../shared/context.js';
import { RoleMappingRow } from './role-mapping.entities.js';
import { IdentitySettings, IdentitySettingsInput, RoleMappingInput, ScopedRoleInput, UserAccount } from './user-account.types.js';
import { scopedRoleOf } from './user-lifecycle.service.js';
import type { Role } from './user.entity.js';

@Resolver()
export class UserLifecycleResolver {
  @Authorized<Role>(...ADMINS)
  @Query(() => [UserAccount], { description: "The municipality's accounts with their last sign-in and the 90-day flag; those awaiting a role first." })
  userAccounts(@Ctx() ctx: GraphQLContext): Promise<UserAccount[]> {
    return ctx.services.userLifecycle.list(callerOf(ctx));
  }

  @Authorized<Role>(...ADMINS)
  @Mutation(() => UserAccount, { description: "Sets a user's role and scope (also for a user awaiting one); audited, and the user's sessions end." })
  assignUserRole(
    @Arg('userId', () => GraphQLUUID) userId: string,
    @Arg('input', () => ScopedRoleInput) input: ScopedRoleInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<UserAccount> {
    return ctx.services.userLifecycle.assignRole(callerOf(ctx), userId, scopedRoleOf(input));
  }

  @Authorized<Role>(...ADMINS)
  @Query(() => [RoleMappingRow], { description: 'The mapping table: claim values and the role and scope each gives at sign-in through the provider.' })
  roleMappings(@Ctx() ctx: GraphQLContext): Promise<RoleMappingRow[]> {
    return ctx.services.roleMappings.list(callerOf(ctx));
  }

  @Authorized<Role>(...ADMINS)
  @Mutation(() => RoleMappingRow)
  createRoleMapping(@Arg('input', () => RoleMappingInput) input: RoleMappingInput, @Ctx() ctx: GraphQLContext): Promise<RoleMappingRow> {
    return ctx.services.roleMappings.create(callerOf(ctx), input);
  }

  @Authorized<Role>(...ADMINS)
  @Mutation(() => Boolean, { description: 'Removes a row of the mapping table; users keep their role until their next sign-in.' })
  deleteRoleMapping(@Arg('id', () => GraphQLUUID) id: string, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    return ctx.services.roleMappings.remove(callerOf(ctx), id);
  }

  @Authorized<Role>(...ADMINS)
  @Query(() => IdentitySettings)
  identitySettings(@Ctx() ctx: GraphQLContext): Promise<IdentitySettings> {
    return ctx.services.roleMappings.settings(callerOf(ctx));
  }

  @Authorized<Role>(...ADMINS)
  @Mutation(() => IdentitySettings)
  updateIdentitySettings(@Arg('input', () => IdentitySettingsInput) input: IdentitySettingsInput, @Ctx() ctx: GraphQLContext): Promise<IdentitySettings> {
    return ctx.services.roleMappings.updateSettings(callerOf(ctx), { roleClaim: input.roleClaim, autoCreate: input.autoCreate });
  }
}
