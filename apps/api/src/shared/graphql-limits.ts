import { ApolloArmor } from '@escape.tech/graphql-armor';

/**
 * Limits on what one GraphQL document may ask for, documented in docs/api-limits.md. They are sized for
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

export function graphqlArmor(production: boolean) {
  return new ApolloArmor({
    maxDepth: { n: GRAPHQL_LIMITS.maxDepth, exposeLimits: false, flattenFragments: true },
    maxAliases: { n: GRAPHQL_LIMITS.maxAliases, exposeLimits: false },
    maxDirectives: { n: GRAPHQL_LIMITS.maxDirectives, exposeLimits: false },
    maxTokens: { n: GRAPHQL_LIMITS.maxTokens, exposeLimits: false },
    costLimit: { maxCost: GRAPHQL_LIMITS.maxCost, exposeLimits: false },
    // Suggestions ("did you mean …") map the schema for an attacker when introspection is off.
    blockFieldSuggestion: { enabled: production },
  }).protect();
}
