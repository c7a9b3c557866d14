import type { ApolloServerPlugin } from '@apollo/server';
import {
  BREAK,
  GraphQLError,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type ASTNode,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValueNode,
} from 'graphql';
import { findInvalidString, invalidCharacterIn, type InvalidString } from './input-strings.js';

/*
 * Applies the text policy of input-strings.ts to every argument of an operation, once, before anything
 * runs: literals written in the document, variables (as sent, or their defaults) wherever they are used,
 * JSON values included. No resolver can forget it, and a refused request has touched nothing.
 *
 * One exception: the reviews of `submitReviews`. A batch answers each review on its own, so a bad string
 * in one review must reject that review and still store the others; the review submission calls
 * `findInvalidString` on each review before it writes. Everything else about that mutation is checked here.
 */
const PER_ITEM = new Set(['Mutation.submitReviews(input)']);

type Variables = Readonly<Record<string, unknown>>;

function checkValue(node: ValueNode, path: string, variables: Variables, defaults: ReadonlyMap<string, ValueNode>): InvalidString | null {
  switch (node.kind) {
    case Kind.STRING: {
      const problem = invalidCharacterIn(node.value);
      return problem ? { field: path, message: `${path} ${problem}` } : null;
    }
    case Kind.LIST:
      for (const [i, item] of node.values.entries()) {
        const found = checkValue(item, `${path}[${i}]`, variables, defaults);
        if (found) return found;
      }
      return null;
    case Kind.OBJECT:
      for (const field of node.fields) {
        const found = checkValue(field.value, `${path}.${field.name.value}`, variables, defaults);
        if (found) return found;
      }
      return null;
    case Kind.VARIABLE: {
      const name = node.name.value;
      if (Object.prototype.hasOwnProperty.call(variables, name)) return findInvalidString(variables[name], path);
      const fallback = defaults.get(name);
      return fallback ? checkValue(fallback, path, variables, defaults) : null;
    }
    default:
      return null;
  }
}

/** The first argument value of the operation (and the fragments it may use) that breaks the text policy. */
export function findInvalidArgument(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Variables,
): InvalidString | null {
  const defaults = new Map<string, ValueNode>();
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue) defaults.set(definition.variable.name.value, definition.defaultValue);
  }
  const typeInfo = new TypeInfo(schema);
  let found: InvalidString | null = null;
  const visitor = visitWithTypeInfo(typeInfo, {
    Argument(node) {
      const field = typeInfo.getFieldDef();
      const owner = typeInfo.getParentType();
      if (!typeInfo.getDirective() && field && owner && PER_ITEM.has(`${owner.name}.${field.name}(${node.name.value})`)) return false;
      found = checkValue(node.value, node.name.value, variables, defaults);
      return found ? BREAK : false;
    },
  });
  const roots: ASTNode[] = [operation, ...document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION)];
  for (const root of roots) {
    visit(root, visitor);
    if (found) return found;
  }
  return null;
}

/** Refuses, with BAD_USER_INPUT naming the argument path, any request carrying text the policy refuses. */
export const stringInputPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ schema, document, operation, request }) {
        if (!operation) return;
        const problem = findInvalidArgument(schema, document, operation, request.variables ?? {});
        if (problem) {
          throw new GraphQLError(problem.message, { extensions: { code: 'BAD_USER_INPUT', field: problem.field, http: { status: 400 } } });
        }
      },
    };
  },
};
