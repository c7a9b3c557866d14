import { Arg, Authorized, Ctx, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { GraphQLDateTime, GraphQLJSONObject, GraphQLUUID } from 'graphql-scalars';
import { badInput } from '../shared/app-error.js';
import { callerOf, type GraphQLContext } from '../shared/context.js';
import { ADMINS } from '../access/roles.js';
import type { Role } from '../users/user.entity.js';

@ObjectType({ description: 'One entry of the append-only audit log.' })
class AuditEvent {
  @Field(() => ID)
  id: string;

  @Field(() => GraphQLDateTime)
  occurredAt: Date;

  @Field(() => ID, { nullable: true })
  actorId: string | null;

  @Field(() => String, { nullable: true })
  actorRole: string | null;

  @Field(() => String, {
    description:
      'read, create, update, publish, close, login, login_failed, refresh, logout, refused, ' +
      "hand_over (a review stored with its recipient's unit by a worker of another unit), discard (a refused result a phone discarded, with the reason), erase (a care recipient's identifying data erased, on request or by retention), export (a loggutdrag taken)",
  })
  action: string;

  @Field(() => String)
  entityType: string;

  @Field(() => String, { nullable: true })
  entityId: string | null;

  @Field(() => ID, { nullable: true, description: 'Whose personal data the event touched.' })
  careRecipientId: string | null;

  @Field(() => String, { nullable: true })
  requestId: string | null;

  @Field(() => GraphQLJSONObject, { nullable: true })
  details: Record<string, unknown> | null;
}

@Resolver()
export class AuditResolver {
  @Authorized<Role>(...ADMINS)
  @Query(() => [AuditEvent], { description: 'The audit log, newest first. `before` is an event id, for paging.' })
  auditEvents(
    @Ctx() ctx: GraphQLContext,
    @Arg('careRecipientId', () => GraphQLUUID, { nullable: true }) careRecipientId?: string,
    @Arg('entityId', () => String, { nullable: true }) entityId?: string,
    @Arg('actorId', () => GraphQLUUID, { nullable: true }) actorId?: string,
    @Arg('first', () => Int, { defaultValue: 100 }) first = 100,
    @Arg('before', () => ID, { nullable: true }) before?: string,
  ): Promise<AuditEvent[]> {
    if (first < 1 || first > 1000) throw badInput('first must be between 1 and 1000', 'first');
    if (before !== undefined && !/^\d{1,18}$/.test(before)) throw badInput('before must be an event id', 'before');
    if (entityId !== undefined && entityId.length > 100) throw badInput('entityId is too long', 'entityId');
    return ctx.services.audit.read(callerOf(ctx), { careRecipientId, entityId, actorId, first, before });
  }
}
