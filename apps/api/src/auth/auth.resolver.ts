import { Arg, Args, Authorized, Ctx, Field, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { User } from '../users/user.entity.js';
// `login` takes the same email and password as `signIn`, the form that can ask for a second factor.
import { SignInArgs } from './second-factor/second-factor.types.js';
import { auditSource, principalOf, type GraphQLContext } from '../shared/context.js';
import { notFound } from '../shared/app-error.js';

@ObjectType({ description: 'A new session: a short-lived access token and a rotating refresh token.' })
export class AuthPayload {
  @Field(() => String)
  accessToken: string;

  @Field(() => GraphQLDateTime)
  accessTokenExpiresAt: Date;

  @Field(() => String, { description: 'Send to refreshSession for a new pair; each token works once (plus a short grace for retries).' })
  refreshToken: string;

  @Field(() => GraphQLDateTime)
  refreshTokenExpiresAt: Date;

  @Field(() => User)
  user: User;
}

@Resolver()
export class AuthResolver {
  @Mutation(() => AuthPayload)
  login(@Args(() => SignInArgs) { email, password }: SignInArgs, @Ctx() ctx: GraphQLContext): Promise<AuthPayload> {
    return ctx.services.auth.login(auditSource(ctx), email, password, ctx.clientAddress);
  }

  @Mutation(() => AuthPayload)
  refreshSession(@Arg('refreshToken', () => String) refreshToken: string, @Ctx() ctx: GraphQLContext): Promise<AuthPayload> {
    return ctx.services.auth.refresh(auditSource(ctx), refreshToken.slice(0, 200));
  }

  @Mutation(() => Boolean, { description: "Ends this device's session. Unsynced work on the phone is the app's to keep." })
  logout(@Arg('refreshToken', () => String) refreshToken: string, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    return ctx.services.auth.logout(auditSource(ctx), refreshToken.slice(0, 200));
  }

  @Authorized()
  @Query(() => User, { description: 'The logged-in user.' })
  async me(@Ctx() ctx: GraphQLContext): Promise<User> {
    const user = await ctx.services.users.byId(principalOf(ctx).userId);
    if (!user) throw notFound('User');
    return user;
  }
}
