import type { AuthChecker } from 'type-graphql';
import type { GraphQLContext } from '../shared/context.js';
import { AccessRefused, unauthenticated } from '../shared/app-error.js';
import type { Role } from '../users/user.entity.js';

/** The id-like arguments of a refused call (`id`, `reviewId`, `careRecipientId` …), for the audit row. */
function idArguments(args: Record<string, unknown>): Record<string, string> {
  const ids: Record<string, string> = {};
  for (const [name, value] of Object.entries(args)) {
    if (/(^id|Id)$/.test(name) && typeof value === 'string') ids[name] = value.slice(0, 100);
  }
  return ids;
}

/**
 * The single place roles are enforced: every operation declares `@Authorized<Role>(...SET)` with a set
 * from `access/roles.ts`, and this decides. Scope (which unit, administration) is `access/scope.ts`.
 */
export const authChecker: AuthChecker<GraphQLContext, Role> = ({ context, args, info }, roles) => {
  if (!context.principal) throw unauthenticated();
  if (roles.length > 0 && !roles.includes(context.principal.role)) {
    throw new AccessRefused('FORBIDDEN', 'Not allowed', undefined, { entityType: 'operation', entityId: info.fieldName, args: idArguments(args) });
  }
  return true;
};
