import type { Logger } from 'pino';
import type { Principal } from '../auth/principal.js';
import type { AuditSource } from '../audit/audit.service.js';
import type { PartnerPrincipal } from '../partners/partner-principal.js';
import type { Loaders, Services } from '../services.js';
import { unauthenticated } from './app-error.js';

/** What every resolver receives: who calls, in which request, and the services to call. */
export interface GraphQLContext {
  requestId: string;
  /** The client's address (behind TRUST_PROXY, the one the proxy names), for the per-address login limit. */
  clientAddress: string;
  /** The client's User-Agent header, first 300 characters: shown to the user in their list of sessions. */
  userAgent?: string | undefined;
  principal: Principal | null;
  /** A partner client calling with a partner token (then `principal` is null): see partners/. */
  partner: PartnerPrincipal | null;
  services: Services;
  loaders: Loaders;
  log: Logger;
}

/** The caller, or UNAUTHENTICATED. Resolvers behind `@Authorized` can rely on it being there. */
export function principalOf(ctx: GraphQLContext): Principal {
  if (!ctx.principal) throw unauthenticated();
  return ctx.principal;
}

/** The caller as the audit log records them. */
export function auditSource(ctx: GraphQLContext): AuditSource {
  return { principal: ctx.principal, partner: ctx.partner, requestId: ctx.requestId, userAgent: ctx.userAgent };
}

/** A resolver's view of the caller: the principal plus the request id for audit rows. */
export interface Caller extends AuditSource {
  principal: Principal;
}

export function callerOf(ctx: GraphQLContext): Caller {
  return { principal: principalOf(ctx), requestId: ctx.requestId };
}

/** The calling partner, or UNAUTHENTICATED. Resolvers behind a partner grant can rely on it being there. */
export function partnerOf(ctx: GraphQLContext): PartnerPrincipal {
  if (!ctx.partner) throw unauthenticated();
  return ctx.partner;
}
