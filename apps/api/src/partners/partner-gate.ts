import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import type { AuditService } from '../audit/audit.service.js';
import type { GraphQLContext } from '../shared/context.js';
import { refusalBody, type RefusalCode } from '../shared/error-codes.js';
import type { PartnerPrincipal } from './partner-principal.js';
import type { PartnerService } from './partner.service.js';
import { looksLikePartnerToken } from './partner-token.js';
import type { RateLimiter } from './rate-limit.js';
import { auditableVariables, lookUpTrustedDocument, type TrustedDocuments } from './trusted-documents.js';

/*
 * The door for partner tokens on /graphql, before Apollo sees the request: the token is checked against
 * the client's current state (revoked, rotated), the per-client rate limit is taken, and the body must
 * name a trusted document, whose registered text replaces whatever was sent. What the gate refuses is
 * audited here; what gets through is audited by partnerAuditPlugin with its result size.
 */

export interface PartnerGateOptions {
  partners: PartnerService;
  audit: AuditService;
  trusted: TrustedDocuments;
  limiter: RateLimiter;
  log: Logger;
}

/** The partner of a request that got through the gate (read by the GraphQL context). */
export const partnerOfResponse = (res: Response): PartnerPrincipal | null => (res.locals['partner'] as PartnerPrincipal | undefined) ?? null;

const bearerOf = (header: string | undefined) => /^Bearer (.{1,4096})$/.exec(header ?? '')?.[1];

function refuse(res: Response, status: number, code: RefusalCode, message: string, extra: Record<string, unknown> = {}) {
  res.status(status).json(refusalBody(code, message, extra));
}

export function partnerGate({ partners, audit, trusted, limiter, log }: PartnerGateOptions): RequestHandler {
  return async (req, res, next) => {
    const bearer = bearerOf(req.header('authorization'));
    if (!bearer || !looksLikePartnerToken(bearer)) return next();
    const requestId = res.locals['requestId'] as string;
    const found = await partners.partnerFor(bearer);
    const record = async (clientId: string, outcome: string, details: Record<string, unknown> = {}) => {
      await audit.record({ principal: null, partner: { clientId }, requestId }, [
        { action: 'partner_request', entityType: 'partner_operation', entityId: null, details: { outcome, ...details } },
      ]);
    };
    if ('refused' in found) {
      if (found.clientId) await record(found.clientId, 'invalid_token');
      res.setHeader(
        'www-authenticate',
        'Bearer realm="hjulet-partner-api", error="invalid_token", error_description="The token is expired, revoked or not valid"',
      );
      return refuse(res, 401, 'UNAUTHENTICATED', 'Partner token not valid: expired, revoked, or issued before the secret was rotated');
    }
    const { partner } = found;
    if (req.method !== 'POST') {
      await record(partner.clientId, 'method_not_allowed');
      res.setHeader('allow', 'POST');
      return refuse(res, 405, 'METHOD_NOT_ALLOWED', 'Partner requests are POST');
    }
    const limit = await limiter.consume(partner.clientId);
    if (!limit.allowed) {
      await record(partner.clientId, 'rate_limited', { retryAfterSeconds: limit.retryAfterSeconds });
      res.setHeader('retry-after', String(limit.retryAfterSeconds));
      return refuse(res, 429, 'RATE_LIMITED', `Too many requests; retry after ${limit.retryAfterSeconds} s`, { retryAfterSeconds: limit.retryAfterSeconds });
    }
    const lookup = lookUpTrustedDocument(trusted, req.body);
    if (!lookup.ok) {
      await record(partner.clientId, lookup.code);
      return refuse(res, 400, lookup.code, lookup.message);
    }
    const body = (req.body ?? {}) as Record<string, unknown>;
    req.body = { query: lookup.document.document, operationName: lookup.document.name, variables: body['variables'] ?? {} };
    res.locals['partner'] = partner;
    log.debug({ requestId, client: partner.clientId, operation: lookup.document.name }, 'partner request');
    next();
  };
}

/**
 * One audit row per partner request that reached GraphQL: the client, the operation, the variables
 * without personal data (trusted-documents.ts decides which may be kept) and the size of the answer.
 * Written before the answer leaves, so there is no answered request without its row.
 */
export function partnerAuditPlugin(trusted: TrustedDocuments): ApolloServerPlugin<GraphQLContext> {
  const byName = new Map([...trusted.values()].map((d) => [d.name, d]));
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response, request }) {
          const partner = contextValue.partner;
          if (!partner) return;
          const document = request.operationName ? byName.get(request.operationName) : undefined;
          const result = response.body.kind === 'single' ? response.body.singleResult : null;
          const resultBytes = result ? Buffer.byteLength(JSON.stringify(result)) : null;
          const errors = result?.errors?.map((e) => (e.extensions?.['code'] as string | undefined) ?? 'ERROR') ?? [];
          await contextValue.services.audit.record({ principal: null, partner: { clientId: partner.clientId }, requestId: contextValue.requestId }, [
            {
              action: 'partner_request',
              entityType: 'partner_operation',
              entityId: document?.name ?? null,
              details: {
                outcome: errors.length > 0 ? 'error' : 'ok',
                documentId: document?.id ?? null,
                variables: document ? auditableVariables(document, request.variables) : {},
                resultBytes,
                ...(errors.length > 0 ? { errors } : {}),
              },
            },
          ]);
        },
      };
    },
  };
}
