import type { TypedDocumentString } from '../gql/graphql.js';

/**
 * A small GraphQL-over-fetch client for typed documents. The staff app reads from IndexedDB, not from a
 * normalised cache, so a 1 kB client replaces Apollo Client on the critical path (see the issue note).
 */

export type RequestFailure =
  | { kind: 'offline'; message: string }
  | { kind: 'unauthenticated'; message: string }
  | { kind: 'server'; message: string; status: number }
  | { kind: 'refused'; message: string; code: string; field: string | null };

export class GraphQLRequestError extends Error {
  constructor(readonly failure: RequestFailure) {
    super(failure.message);
    this.name = 'GraphQLRequestError';
  }
}

interface WireError {
  message: string;
  extensions?: { code?: string; field?: string | null };
}

export interface GraphQLClientOptions {
  endpoint?: string;
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
}

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
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
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
    throw new GraphQLRequestError({ kind: 'server', status: response.status, message: `HTTP ${response.status}` });
  }
  const first = body.errors?.[0];
  if (first) {
    const code = first.extensions?.code ?? 'INTERNAL_SERVER_ERROR';
    if (code === 'UNAUTHENTICATED') throw new GraphQLRequestError({ kind: 'unauthenticated', message: first.message });
    if (code === 'INTERNAL_SERVER_ERROR' || response.status >= 500) {
      throw new GraphQLRequestError({ kind: 'server', status: response.status, message: first.message });
    }
    throw new GraphQLRequestError({ kind: 'refused', code, field: first.extensions?.field ?? null, message: first.message });
  }
  if (!body.data) throw new GraphQLRequestError({ kind: 'server', status: response.status, message: 'empty response' });
  return body.data;
}
