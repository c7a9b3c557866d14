import type { TypedDocumentString } from '../gql/graphql.js';

/**
 * A small GraphQL-over-fetch client for typed documents. The staff app reads from IndexedDB, not from a
 * normalised cache, so a 1 kB client replaces Apollo Client on the critical path (see the issue note).
 */

/**
 * Why a request failed, as the outbox needs to know it: `offline` and `unavailable` (a gateway's 502/503/504,
 * a timeout, a 5xx page that is no GraphQL answer) say nothing about what was sent, so the same request is
 * tried again later. `server_error` is the GraphQL server's own answer that it failed on this request: the
 * content may be the cause, so a batch is worth splitting. `refused` is a client error with its code.
 */
export type RequestFailure =
  | { kind: 'offline'; message: string }
  | { kind: 'unauthenticated'; message: string }
  | { kind: 'unavailable'; message: string; status: number; retryAfterMs?: number }
  | { kind: 'server_error'; message: string; status: number; requestId: string | null }
  | { kind: 'refused'; message: string; code: string; field: string | null; issues?: RefusalIssue[]; retryAfterSeconds?: number };

/** One of several problems a refused input had (every bad row of an imported file), as the API lists them. */
export interface RefusalIssue {
  code: string;
  field: string;
  message: string;
}

export class GraphQLRequestError extends Error {
  constructor(readonly failure: RequestFailure) {
    super(failure.message);
    this.name = 'GraphQLRequestError';
  }
}

interface WireError {
  message: string;
  extensions?: { code?: string; field?: string | null; requestId?: string; issues?: RefusalIssue[]; retryAfterSeconds?: number };
}

export interface GraphQLClientOptions {
  endpoint?: string;
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
  /** Sent as x-request-id, which the server logs and audits: support can find a request whose answer was lost. */
  requestId?: string;
}

const GATEWAY_STATUSES = new Set([502, 503, 504]);

export async function graphqlRequest<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  token: string | null,
  options: GraphQLClientOptions = {},
): Promise<TResult> {
  const fetchImpl = options.fetchImpl ?? fetch;
  let response: Response;
  try {
    response = await fetchImpl(options.endpoint ?? '/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(options.requestId ? { 'x-request-id': options.requestId } : {}),
      },
      body: JSON.stringify({ query: document.toString(), variables }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
    });
  } catch (error) {
    throw new GraphQLRequestError({ kind: 'offline', message: error instanceof Error ? error.message : 'network error' });
  }
  let body: { data?: TResult | null; errors?: WireError[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new GraphQLRequestError({ kind: 'unavailable', status: response.status, message: `HTTP ${response.status}` });
  }
  if (GATEWAY_STATUSES.has(response.status)) {
    const retryAfterMs = retryAfterOf(response.headers.get('retry-after'), Date.now());
    throw new GraphQLRequestError({
      kind: 'unavailable',
      status: response.status,
      message: body.errors?.[0]?.message ?? `HTTP ${response.status}`,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  const requestId = response.headers.get('x-request-id');
  const first = body.errors?.[0];
  if (first) {
    const code = first.extensions?.code ?? 'INTERNAL_SERVER_ERROR';
    if (code === 'UNAUTHENTICATED') throw new GraphQLRequestError({ kind: 'unauthenticated', message: first.message });
    if (code === 'INTERNAL_SERVER_ERROR' || response.status >= 500) {
      throw new GraphQLRequestError({
        kind: 'server_error',
        status: response.status,
        message: first.message,
        requestId: first.extensions?.requestId ?? requestId,
      });
    }
    const issues = first.extensions?.issues;
    // TOO_MANY_ATTEMPTS says how long to wait: the public feedback form tells the sender.
    const retryAfterSeconds = first.extensions?.retryAfterSeconds;
    throw new GraphQLRequestError({
      kind: 'refused',
      code,
      field: first.extensions?.field ?? null,
      message: first.message,
      ...(issues ? { issues } : {}),
      ...(typeof retryAfterSeconds === 'number' ? { retryAfterSeconds } : {}),
    });
  }
  if (!body.data) throw new GraphQLRequestError({ kind: 'server_error', status: response.status, message: 'empty response', requestId });
  return body.data;
}

/** The longest pause a Retry-After may ask for; a larger one (a misconfigured proxy) is capped, not obeyed. */
export const MAX_RETRY_AFTER_MS = 3_600_000;

/**
 * A Retry-After header (RFC 9110: seconds, or an HTTP date) as milliseconds from `now`. The API's admission
 * control sends it with 503 when it is too busy to take a batch; the outbox waits at least that long.
 */
export function retryAfterOf(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const text = header.trim();
  const ms = /^\d+$/.test(text) ? Number(text) * 1000 : Date.parse(text) - now;
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS) : undefined;
}
