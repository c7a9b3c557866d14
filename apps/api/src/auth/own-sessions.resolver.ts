import { Arg, Authorized, Ctx, Field, ID, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { GraphQLDateTime, GraphQLUUID } from 'graphql-scalars';
import { callerOf, type GraphQLContext } from '../shared/context.js';
import { SignInMethodEnum } from '../users/user-account.types.js';
import type { OwnSession } from './own-sessions.service.js';
import { describeUserAgent } from './user-agent.js';

@ObjectType({ description: 'One of the caller\'s own sessions (a device signed in), as "Mina sessioner" lists it.' })
class MySession {
  @Field(() => ID)
  id: string;

  @Field(() => SignInMethodEnum, { nullable: true, description: 'How it began; null for a session older than this record.' })
  method: 'password' | 'oidc' | null;

  @Field(() => String, { nullable: true, description: 'The browser, e.g. Chrome; null when not recognised.' })
  browser: string | null;

  @Field(() => String, { nullable: true, description: 'The operating system, e.g. Android; null when not recognised.' })
  system: string | null;

  @Field(() => String, { nullable: true, description: 'The User-Agent the session began with (first 300 characters).' })
  userAgent: string | null;

  @Field(() => GraphQLDateTime)
  createdAt: Date;

  @Field(() => GraphQLDateTime, { description: 'When it began or last refreshed its access token.' })
  lastUsedAt: Date;

  @Field(() => Boolean, { description: 'The session this request comes from.' })
  current: boolean;
}

const view = (s: OwnSession): MySession => ({ ...s, ...describeUserAgent(s.userAgent) });

@Resolver()
export class OwnSessionsResolver {
  @Authorized()
  @Query(() => [MySession], { description: "The caller's sessions that still stand, most recently used first." })
  async mySessions(@Ctx() ctx: GraphQLContext): Promise<MySession[]> {
    return (await ctx.services.ownSessions.list(callerOf(ctx))).map(view);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: "Ends another of the caller's sessions at once (not this one: log out). NOT_FOUND for any other id." })
  endMySession(@Arg('sessionId', () => GraphQLUUID) sessionId: string, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    return ctx.services.ownSessions.end(callerOf(ctx), sessionId);
  }
}
