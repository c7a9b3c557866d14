import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, Lexer, Source, TokenKind } from 'graphql';

/**
 * Limits on what one GraphQL document may ask for, documented in docs/api.md. They are sized for
 * the heaviest legitimate use: the supervisors' review list with nested recipient, unit, risks and
 * actions is depth 7; a batch of 500 reviews travels in variables, which the token limit does not count.
 */
export const GRAPHQL_LIMITS = {
  maxDepth: 10,
  maxAliases: 15,
  maxDirectives: 20,
  maxTokens: 3000,
  maxCost: 20000,
  /** Bytes of one HTTP request body: a 500-review batch of 25 answers each is about 0.7 MB. */
  maxBodyBytes: 2 * 1024 * 1024,
} as const;

class TooManyTokens extends GraphQLError {
  constructor() {
    super('Syntax Error: Query validation error.', { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } } });
  }
}

/** Whether a document has more than `max` tokens; a syntax error is left for GraphQL's parser to report. */
function exceedsTokens(source: string, max: number): boolean {
  const lexer = new Lexer(new Source(source));
  try {
    for (let count = 0; lexer.advance().kind !== TokenKind.EOF; count++) if (count >= max) return true;
  } catch {
    return false;
  }
  return false;
}

/**
 * The token limit, checked before the document is parsed. graphql-armor's own token plugin throws every
 * syntax error from `parsingDidStart`, which Apollo answers with HTTP 500; Apollo only lets an error thrown
 * there through with its own status when `unexpectedErrorProcessingRequest` rethrows it.
 */
function maxTokensPlugin(max: number): ApolloServerPlugin {
  return {
    async unexpectedErrorProcessingRequest({ error }) {
      if (error instanceof TooManyTokens) throw error;
    },
    async requestDidStart() {
      return {
        async parsingDidStart({ source }) {
          if (source !== undefined && exceedsTokens(source, max)) throw new TooManyTokens();
        },
      };
    },
  };
}

export function graphqlArmor(production: boolean) {
  const armor = new ApolloArmor({
    maxDepth: { n: GRAPHQL_LIMITS.maxDepth, exposeLimits: false, flattenFragments: true },
    maxAliases: { n: GRAPHQL_LIMITS.maxAliases, exposeLimits: false },
    maxDirectives: { n: GRAPHQL_LIMITS.maxDirectives, exposeLimits: false },
    maxTokens: { enabled: false },
    costLimit: { maxCost: GRAPHQL_LIMITS.maxCost, exposeLimits: false },
    // Suggestions ("did you mean …") map the schema for an attacker when introspection is off.
    blockFieldSuggestion: { enabled: production },
  }).protect();
  return { ...armor, plugins: [...armor.plugins, maxTokensPlugin(GRAPHQL_LIMITS.maxTokens)] };
}
