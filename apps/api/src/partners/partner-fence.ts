import { getMetadataStorage } from 'type-graphql';
import type { GraphQLFieldResolver, GraphQLSchema } from 'graphql';
import { AccessRefused } from '../shared/app-error.js';
import type { GraphQLContext } from '../shared/context.js';

/** The root fields with a partner grant in their `@Authorized(...)` (access/roles.ts), read once from the decorators. */
let partnerFields: ReadonlySet<string> | undefined;
function partnerRootFields(): ReadonlySet<string> {
  partnerFields ??= new Set(
    getMetadataStorage()
      .authorizedFields.filter((f) => f.roles.some((role: unknown) => typeof role === 'string' && role.startsWith('partner')))
      .map((f) => f.fieldName),
  );
  return partnerFields;
}

/**
 * The auth checker refuses a partner every operation without a partner grant, but it runs only for
 * operations with `@Authorized`: the public session mutations (login, logout, refreshSession) have none.
 * The fence closes that gap: a partner's root field must be one with a partner grant.
 *
 * It wraps the root fields' resolvers only. It was a type-graphql global middleware, which type-graphql
 * puts around every field of every type: each scalar of a 50-review list then went through two async
 * functions and their promises, a third of that list's CPU in garbage collection, to check something
 * that only a root field can fail.
 */
export function fenceRootFields(schema: GraphQLSchema): GraphQLSchema {
  for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    for (const field of Object.values(root?.getFields() ?? {})) {
      const resolve = field.resolve as GraphQLFieldResolver<unknown, GraphQLContext> | undefined;
      if (!resolve) throw new Error(`The root field ${field.name} has no resolver to fence`);
      field.resolve = (source, args, context, info) => {
        if (context.partner && !partnerRootFields().has(info.fieldName)) {
          throw new AccessRefused('FORBIDDEN', 'Not allowed', undefined, { entityType: 'operation', entityId: info.fieldName });
        }
        return resolve(source, args, context, info);
      };
    }
  }
  return schema;
}
