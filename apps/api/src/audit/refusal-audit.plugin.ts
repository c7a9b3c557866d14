import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { GraphQLContext } from '../shared/context.js';
import { AccessRefused, AppError } from '../shared/app-error.js';
import type { AuditEntry } from './audit.service.js';

/**
 * Every refused access leaves a trace (OWASP ASVS V7; the data-protection authority's log checks): each
 * FORBIDDEN or NOT_FOUND a request answers becomes one `refused` audit row with who asked, for what, which
 * id, the request id and the outcome. Written here, once for the whole response, so no resolver can forget
 * it and a rolled-back transaction cannot take it along.
 */
export const refusalAuditPlugin: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ errors, contextValue }) {
        const entries: AuditEntry[] = [];
        for (const error of errors) {
          const original = error instanceof GraphQLError ? error.originalError : error;
          if (!(original instanceof AppError) || (original.code !== 'FORBIDDEN' && original.code !== 'NOT_FOUND')) continue;
          const operation = typeof error.path?.[0] === 'string' ? error.path[0] : null;
          const subject = original instanceof AccessRefused ? original.subject : { entityType: 'operation', entityId: operation };
          entries.push({
            action: 'refused',
            entityType: subject.entityType,
            entityId: subject.entityId,
            careRecipientId: subject.careRecipientId ?? null,
            details: { operation, outcome: original.code, field: original.field ?? null, ...(subject.args ? { args: subject.args } : {}) },
          });
        }
        if (entries.length === 0) return;
        try {
          await contextValue.services.audit.record(
            { principal: contextValue.principal, partner: contextValue.partner, requestId: contextValue.requestId },
            entries,
          );
        } catch (error) {
          contextValue.log.error({ err: error }, 'could not audit a refused access');
        }
      },
    };
  },
};
