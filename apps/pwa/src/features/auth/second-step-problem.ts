import type { MessageKey } from '../../i18n/messages.sv.js';
import { GraphQLRequestError } from '../../sync/graphql-client.js';

/** What a refusal of the second step means to the user. */
export function problemOf(error: unknown): MessageKey {
  if (!(error instanceof GraphQLRequestError)) return 'mfa.passkeyFailed';
  if (error.failure.kind === 'unauthenticated') return 'mfa.expired';
  if (error.failure.kind === 'refused' && error.failure.code === 'TOO_MANY_ATTEMPTS') return 'login.tooManyAttempts';
  if (error.failure.kind === 'refused' && error.failure.issues?.some((issue) => issue.code === 'replayed')) return 'mfa.replayed';
  return 'mfa.wrong';
}
