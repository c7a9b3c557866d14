import type { AuthChecker } from 'type-graphql';
import type { GraphQLContext } from '../shared/context.js';
import { forbidden, unauthenticated } from '../shared/app-error.js';

/**
 * The single place roles are enforced: every operation declares `@Authorized(...roles)`, and this
 * decides. Scope (which unit, administration) is the services' job, through `canReach`.
 */
export const authChecker: AuthChecker<GraphQLContext, string> = ({ context }, roles) => {
  if (!context.principal) throw unauthenticated();
  if (roles.length > 0 && !roles.includes(context.principal.role)) throw forbidden();
  return true;
};
