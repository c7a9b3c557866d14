import { ApolloClient, HttpLink, InMemoryCache, gql, type TypedDocumentNode } from '@apollo/client';
import type { TypedDocumentString } from '../../gql/graphql.js';
import { accessToken } from '../../sync/session.js';

/*
 * Apollo Client for the supervisors' screens only. This module is reached through a dynamic import from
 * App.tsx, so Apollo, graphql-js and rxjs load in the supervisors' chunk and never on the staff app's
 * critical path. The session (and its refresh) is the staff app's own.
 */

let client: ApolloClient | undefined;

export function supervisorClient(): ApolloClient {
  client ??= new ApolloClient({
    cache: new InMemoryCache(),
    link: new HttpLink({
      uri: '/graphql',
      fetch: async (input, init) => {
        const headers = new Headers(init?.headers);
        headers.set('authorization', `Bearer ${await accessToken()}`);
        return fetch(input, { ...init, headers });
      },
    }),
  });
  return client;
}

/** Codegen's typed document string as the document node Apollo wants, with its types kept. */
export function documentNode<TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>): TypedDocumentNode<TResult, TVariables> {
  return gql(document.toString()) as TypedDocumentNode<TResult, TVariables>;
}
