import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { callerOf, principalOf, type GraphQLContext } from '../shared/context.js';
import { User } from './user.entity.js';
import { CreateUserInput } from './user.inputs.js';
import { ADMINS, USER_READERS } from '../access/roles.js';
import type { Role } from './user.entity.js';

@Resolver(() => User)
export class UserResolver {
  @Authorized<Role>(...USER_READERS)
  @Query(() => [User], { description: "Users in the caller's scope, e.g. to assign an action to." })
  users(@Ctx() ctx: GraphQLContext): Promise<User[]> {
    return ctx.services.users.visibleTo(principalOf(ctx));
  }

  @Authorized<Role>(...ADMINS)
  @Mutation(() => User)
  createUser(@Arg('input', () => CreateUserInput) input: CreateUserInput, @Ctx() ctx: GraphQLContext): Promise<User> {
    return ctx.services.users.create(callerOf(ctx), input);
  }
}
