import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import type { ValidationError } from 'class-validator';
import type { Logger } from 'pino';
import { AppError, TooManyAttempts } from './app-error.js';
import { requestMetrics } from './request-metrics.js';
import { FORMATTED_CLIENT_CODES } from './error-codes.js';

interface PgError {
  code?: string;
  hint?: string;
}

function firstConstraint(errors: ValidationError[], prefix = ''): { field: string; message: string } | null {
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const message = e.constraints ? Object.values(e.constraints)[0] : undefined;
    if (message) return { field, message };
    const nested = firstConstraint(e.children ?? [], field);
    if (nested) return nested;
  }
  return null;
}

/** The field a GraphQL error is about: as its thrower named it, its path, or the variable path GraphQL names in the message. */
function fieldOf(error: GraphQLFormattedError): string | null {
  const named = error.extensions?.['field'];
  if (typeof named === 'string') return named;
  const fromPath = error.path?.filter((p) => typeof p === 'string').at(-1);
  if (typeof fromPath === 'string') return fromPath;
  const at = /at "([^"]{1,200})"/.exec(error.message) ?? /Variable "\$(\w{1,100})"/.exec(error.message);
  return at?.[1] ?? null;
}

/**
 * Every error leaves the server here: our AppErrors and class-validator failures keep their code and
 * field; GraphQL's own (parse, validation, variable coercion, limits) keep theirs; database rule
 * violations that a client could cause become CONFLICT or BAD_USER_INPUT; anything else is logged with
 * its stack and the request id, and answered with an opaque INTERNAL_SERVER_ERROR carrying only that
 * request id: no stack trace in any mode.
 */
export function createErrorFormatter(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
    const base = {
      message: formatted.message,
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
    };

    if (original instanceof AppError) {
      return {
        ...base,
        message: original.message,
        extensions: {
          code: original.code,
          field: original.field ?? null,
          ...(original.issues ? { issues: original.issues } : {}),
          ...(original instanceof TooManyAttempts ? { retryAfterSeconds: original.retryAfterSeconds } : {}),
        },
      };
    }
    if (original instanceof ArgumentValidationError) {
      const first = firstConstraint(original.extensions.validationErrors as ValidationError[]);
      return {
        ...base,
        message: first ? `Invalid ${first.field}: ${first.message}` : 'Invalid input',
        extensions: { code: 'BAD_USER_INPUT', field: first?.field ?? null },
      };
    }
    const pg = original as PgError;
    if (pg && typeof pg.code === 'string' && /^[0-9A-Z]{5}$/.test(pg.code)) {
      if (pg.code === '23505') return { ...base, message: 'That already exists', extensions: { code: 'CONFLICT', field: null } };
      if (pg.code === '23503') return { ...base, message: 'A referenced record does not exist', extensions: { code: 'BAD_USER_INPUT', field: null } };
      if (pg.code === '22P02' || pg.code === '22007' || pg.code === '22008' || pg.code === '23514') {
        return { ...base, message: 'A value is not valid', extensions: { code: 'BAD_USER_INPUT', field: null } };
      }
      if (pg.hint === 'hjulet:immutable')
        return { ...base, message: 'A published template version cannot change', extensions: { code: 'CONFLICT', field: null } };
    }

    const code = formatted.extensions?.['code'];
    if (typeof code === 'string' && FORMATTED_CLIENT_CODES.has(code)) {
      return { ...base, extensions: { code, field: fieldOf(formatted) } };
    }
    const requestId = requestMetrics.getStore()?.requestId ?? null;
    log.error({ requestId, err: original, path: formatted.path }, 'unexpected error in a request');
    return {
      message: 'Internal server error',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR', requestId },
    };
  };
}
