import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, Lexer, Source, TokenKind, type ValidationRule } from 'graphql';
import { queryCostPlugin } from './query-cost.js';
import { responseCapPlugin } from './response-cap.js';

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
  /** Cost after variables (query-cost.ts): about one answer node each; a 500-review list page costs about 80,000. */
  maxCost: 200_000,
  /** What one answer may carry (response-cap.ts), measured before it is sent. */
  maxResponseNodes: 250_000,
  maxResponseBytes: 8 * 1024 * 1024,
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

export type GraphQLLimits = { -readonly [K in keyof typeof GRAPHQL_LIMITS]: number };

export function graphqlArmor(production: boolean, overrides: Partial<GraphQLLimits> = {}) {
  const limits: GraphQLLimits = { ...GRAPHQL_LIMITS, ...overrides };
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, exposeLimits: false, flattenFragments: true },
    maxAliases: { n: limits.maxAliases, exposeLimits: false },
    maxDirectives: { n: limits.maxDirectives, exposeLimits: false },
    maxTokens: { enabled: false },
    // Its cost model multiplies only a literal `first`; query-cost.ts counts variables too.
    costLimit: { enabled: false },
    // Suggestions ("did you mean …") map the schema for an attacker when introspection is off.
    blockFieldSuggestion: { enabled: production },
  }).protect();
  const plugins: ApolloServerPlugin[] = [
    ...(armor.plugins as unknown as ApolloServerPlugin[]),
    maxTokensPlugin(limits.maxTokens),
    queryCostPlugin(limits.maxCost),
    responseCapPlugin({ maxNodes: limits.maxResponseNodes, maxBytes: limits.maxResponseBytes }),
  ];
  return { ...armor, validationRules: [...(armor.validationRules ?? []), knownOperationTypes], plugins };
}

/**
 * Refuses an operation whose root type the schema lacks (there is no Subscription type). graphql-js 16
 * lets such a document through validation and fails it at execution with an error that has no code,
 * which left the server as INTERNAL_SERVER_ERROR (found by the fuzzer, issue 11). graphql-js 17 has
 * this rule built in.
 */
export const knownOperationTypes: ValidationRule = (context) => ({
  OperationDefinition(node) {
    const schema = context.getSchema();
    const root = { query: schema.getQueryType(), mutation: schema.getMutationType(), subscription: schema.getSubscriptionType() }[node.operation];
    if (!root) context.reportError(new GraphQLError(`The schema does not support ${node.operation} operations.`, { nodes: [node] }));
  },
});
