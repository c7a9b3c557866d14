import { GraphQLRequestError, type graphqlRequest, type RequestFailure } from './graphql-client.js';

/** What sending the outbox needs from outside: the network, the session's token and the clock. */
export interface SyncDeps {
  request: typeof graphqlRequest;
  token: (forceRefresh?: boolean) => Promise<string>;
  now: () => number;
  /** Whether the phone has a network (navigator.onLine), to tell no network from a server out of reach. */
  online?: () => boolean;
}

/**
 * Why the outbox is not empty: `offline`, the phone has no network; `unreachable`, it has one but a request
 * got no answer (a lost response, a dead Wi-Fi, the server down behind it); `server`, the server answered
 * that it failed; `login_required`, the session has ended.
 */
export type SyncProblem = 'offline' | 'unreachable' | 'login_required' | 'server' | null;

/** The browser's word on whether there is a network; true where it has none to give. */
export const browserOnline = (): boolean => (typeof navigator === 'undefined' ? true : navigator.onLine);

/** Ends a flush: what is left stays in the outbox, and the sync bar names the problem. */
export class StopFlush extends Error {
  constructor(readonly problem: Exclude<SyncProblem, null>) {
    super(problem);
  }
}

/** Calls `send` with a token, refreshing it once when the server says the token expired. */
export async function withToken<T>(deps: SyncDeps, send: (token: string) => Promise<T>): Promise<T> {
  try {
    return await send(await deps.token());
  } catch (error) {
    if (error instanceof GraphQLRequestError && error.failure.kind === 'unauthenticated') return send(await deps.token(true));
    throw error;
  }
}

/** The failure of a request, or an unavailable server for anything that is not a request failure. */
export function failureOf(error: unknown): RequestFailure {
  if (error instanceof GraphQLRequestError) return error.failure;
  return { kind: 'unavailable', status: 0, message: error instanceof Error ? error.message : String(error) };
}

/**
 * Failures that say nothing about what was sent: stop, keep everything, try the same again later. A request
 * that got no answer is `offline` only when the phone has no network; with one, the server was out of reach.
 */
export function problemOf(failure: RequestFailure, online: boolean = browserOnline()): Exclude<SyncProblem, null> | null {
  if (failure.kind === 'offline') return online ? 'unreachable' : 'offline';
  if (failure.kind === 'unauthenticated') return 'login_required';
  if (failure.kind === 'unavailable') return 'server';
  return null;
}

/** How long the server asked the phone to wait (a 503's Retry-After), or 0. */
export const retryAfterOfFailure = (failure: RequestFailure): number => (failure.kind === 'unavailable' ? (failure.retryAfterMs ?? 0) : 0);

/** A fresh id per request, sent as x-request-id: the server logs it, the phone keeps it for support. */
export const newRequestId = (): string => crypto.randomUUID();
