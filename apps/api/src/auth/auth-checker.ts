import type { AuthChecker } from 'type-graphql';
import type { GraphQLContext } from '../shared/context.js';
import { AccessRefused, unauthenticated } from '../shared/app-error.js';
import type { Grant } from '../access/roles.js';
import type { PartnerPrincipal } from '../partners/partner-principal.js';

/** The id-like arguments of a refused call (`id`, `reviewId`, `careRecipientId` …), for the audit row. */
function idArguments(args: Record<string, unknown>): Record<string, string> {
  const ids: Record<string, string> = {};
  for (const [name, value] of Object.entries(args)) {
    if (/(^id|Id)$/.test(name) && typeof value === 'string') ids[name] = value.slice(0, 100);
  }
  return ids;
}

/** Whether a partner's grants open an operation: `partner` for any partner, `partner:<scope>` for a scope it holds. */
function partnerMay(partner: PartnerPrincipal, grants: readonly Grant[]): boolean {
  return grants.some((grant) => grant === 'partner' || (grant.startsWith('partner:') && (partner.scopes as string[]).includes(grant.slice('partner:'.length))));
}

/**
 * The single place roles are enforced: every operation declares `@Authorized<Grant>(...SET)` with a set
 * from `access/roles.ts`, and this decides. Scope (which unit, administration) is `access/scope.ts`.
 * A partner token passes only operations with a partner grant; an operation without one (including
 * `@Authorized()` with no roles, "any user") refuses it.
 */
export const authChecker: AuthChecker<GraphQLContext, Grant> = ({ context, args, info }, grants) => {
  const refuse = () => new AccessRefused('FORBIDDEN', 'Not allowed', undefined, { entityType: 'operation', entityId: info.fieldName, args: idArguments(args) });
  if (context.partner) {
    if (!partnerMay(context.partner, grants)) throw refuse();
    return true;
  }
  if (!context.principal) throw unauthenticated();
  const roles = grants.filter((grant) => !grant.startsWith('partner'));
  // An operation only for partners has grants but no role: no user passes.
  if (grants.length > 0 && !roles.includes(context.principal.role)) throw refuse();
  return true;
};
