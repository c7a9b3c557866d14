import type { AppErrorCode } from './error-codes.js';

/**
 * The one error type a client ever sees, besides GraphQL's own validation errors. The formatter in
 * `error-formatter.ts` turns it into `{ message, extensions: { code, field } }`; anything else becomes
 * an opaque INTERNAL_SERVER_ERROR. Its codes are in `error-codes.ts`.
 */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly field?: string,
    /** Every problem found, when there is more than one (e.g. all invalid answers of a review). */
    readonly issues?: ReadonlyArray<{ field: string; code: string; message: string }>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badInput = (message: string, field?: string, issues?: AppError['issues']) => new AppError('BAD_USER_INPUT', message, field, issues);
export const notFound = (what: string, field?: string) => new AppError('NOT_FOUND', `${what} not found`, field);
export const forbidden = (message = 'Not allowed') => new AppError('FORBIDDEN', message);
export const unauthenticated = (message = 'Not logged in') => new AppError('UNAUTHENTICATED', message);
export const conflict = (message: string, field?: string) => new AppError('CONFLICT', message, field);

/**
 * Refused before any work: too many login attempts for the account or from the address, or too much
 * public feedback from one address. The formatter adds `retryAfterSeconds` to the error's extensions.
 */
export class TooManyAttempts extends AppError {
  constructor(
    readonly retryAfterSeconds: number,
    message = `Too many login attempts; try again in ${retryAfterSeconds} s or ask an admin to lift the lockout`,
  ) {
    super('TOO_MANY_ATTEMPTS', message);
  }
}

/** What a refused access was about, as the audit log records it. */
export interface RefusedSubject {
  entityType: string;
  entityId: string | null;
  /** Whose data it would have been, when the record exists. */
  careRecipientId?: string | null;
  /** The ids the caller asked with, for a refusal by role. */
  args?: Record<string, string>;
}

/** FORBIDDEN or NOT_FOUND for a record or an operation; audited by the refusal plugin. */
export class AccessRefused extends AppError {
  constructor(
    code: 'FORBIDDEN' | 'NOT_FOUND',
    message: string,
    field: string | undefined,
    readonly subject: RefusedSubject,
  ) {
    super(code, message, field);
  }
}
