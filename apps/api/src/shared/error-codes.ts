/**
 * Every code a client can find in an error's `extensions.code`, in one place: the error formatter passes
 * through only these, the refusals answered in front of GraphQL are typed by them, the fuzzer accepts
 * only these, and docs/api.md lists them all (error-codes.test.ts and the fuzz test hold them to it).
 * Anything else is our fault and leaves the server as INTERNAL_SERVER_ERROR.
 */

/** Our own refusals (`AppError`), with `extensions.field` where one field is at fault. */
export const APP_ERROR_CODES = ['BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'TOO_MANY_ATTEMPTS'] as const;
export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

/** GraphQL's and Apollo Server's own, for a request refused before it runs. */
export const GRAPHQL_REFUSAL_CODES = [
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
] as const;

/** Refusals answered in front of GraphQL (admission, response cap, partner gate), in the same error shape. */
export const HTTP_REFUSAL_CODES = [
  'OVERLOADED',
  'RESPONSE_TOO_LARGE',
  'RATE_LIMITED',
  'METHOD_NOT_ALLOWED',
  'TRUSTED_DOCUMENT_REQUIRED',
  'TRUSTED_DOCUMENT_NOT_FOUND',
] as const;
export type HttpRefusalCode = (typeof HTTP_REFUSAL_CODES)[number];

/** What the error formatter passes through unchanged. */
export const FORMATTED_CLIENT_CODES: ReadonlySet<string> = new Set([...APP_ERROR_CODES, ...GRAPHQL_REFUSAL_CODES]);

/** Every code that names a client's mistake or a refusal it can act on. */
export const CLIENT_ERROR_CODES: ReadonlySet<string> = new Set([...APP_ERROR_CODES, ...GRAPHQL_REFUSAL_CODES, ...HTTP_REFUSAL_CODES]);

/** A code a refusal in front of GraphQL may answer with. */
export type RefusalCode = AppErrorCode | HttpRefusalCode;

/** The body of a refusal answered in front of GraphQL: the shape every GraphQL error of ours has. */
export function refusalBody(code: RefusalCode, message: string, extensions: Record<string, unknown> = {}) {
  return { errors: [{ message, extensions: { code, field: null, ...extensions } }] };
}
