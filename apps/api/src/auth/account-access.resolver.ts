import { Arg, Args, ArgsType, Authorized, Ctx, Field, Mutation, Resolver } from 'type-graphql';
import { Length, MaxLength, MinLength } from 'class-validator';
import { GraphQLUUID } from 'graphql-scalars';
import { ADMINS } from '../access/roles.js';
import { callerOf, type GraphQLContext } from '../shared/context.js';
import { User, type Role } from '../users/user.entity.js';

@ArgsType()
class ChangePasswordArgs {
  @Field(() => String)
  @MinLength(1)
  @MaxLength(200)
  currentPassword: string;

  @Field(() => String, { description: 'At least 10 characters.' })
  @Length(10, 200)
  newPassword: string;
}

@Resolver()
export class AccountAccessResolver {
  @Authorized()
  @Mutation(() => Boolean, { description: "Changes the caller's password; every other session of theirs ends at once." })
  changePassword(@Args(() => ChangePasswordArgs) { currentPassword, newPassword }: ChangePasswordArgs, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    return ctx.services.accountAccess.changePassword(callerOf(ctx), currentPassword, newPassword, ctx.clientAddress);
  }

  @Authorized<Role>(...ADMINS)
  @Mutation(() => Boolean, { description: 'Ends every session of the user at once (a lost phone); they can log in again.' })
  revokeUserSessions(@Arg('userId', () => GraphQLUUID) userId: string, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    return ctx.services.accountAccess.revokeSessions(callerOf(ctx), userId);
  }

  @Authorized<Role>(...ADMINS)
  @Mutation(() => User, { description: 'Ends every session of the user at once and refuses their logins until reactivated.' })
  deactivateUser(@Arg('userId', () => GraphQLUUID) userId: string, @Ctx() ctx: GraphQLContext): Promise<User> {
    return ctx.services.accountAccess.setActive(callerOf(ctx), userId, false);
  }

  @Authorized<Role>(...ADMINS)
  @Mutation(() => User, { description: 'Lets a deactivated user log in again.' })
  reactivateUser(@Arg('userId', () => GraphQLUUID) userId: string, @Ctx() ctx: GraphQLContext): Promise<User> {
    return ctx.services.accountAccess.setActive(callerOf(ctx), userId, true);
  }

  @Authorized<Role>(...ADMINS)
  @Mutation(() => Boolean, { description: "Lifts a login lockout of the user's account (too many attempts), so they can try again at once." })
  liftLoginLockout(@Arg('userId', () => GraphQLUUID) userId: string, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    return ctx.services.accountAccess.liftLoginLockout(callerOf(ctx), userId);
  }
}
