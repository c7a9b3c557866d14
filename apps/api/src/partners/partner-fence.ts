import { getMetadataStorage, type MiddlewareFn } from 'type-graphql';
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
 * This global middleware closes that gap: a partner's root field must be one with a partner grant.
 */
export const partnerFence: MiddlewareFn<GraphQLContext> = ({ context, info }, next) => {
  if (context.partner && info.path.prev === undefined && !partnerRootFields().has(info.fieldName)) {
    throw new AccessRefused('FORBIDDEN', 'Not allowed', undefined, { entityType: 'operation', entityId: info.fieldName });
  }
  return next();
};
