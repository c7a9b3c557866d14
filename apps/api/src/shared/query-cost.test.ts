import { getOperationAST, parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAppSchema } from '../schema/build-schema.js';
import { costMemo, operationCost } from './query-cost.js';

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildAppSchema();
});

const LIST = parse(`query List($first: Int!) { reviews(first: $first) { edges { node { id answers { itemKey value } risks { itemKey } } } } }`);
const SUBMIT = parse(`mutation Submit($input: [SubmitReviewInput!]!) { submitReviews(input: $input) { clientId outcome } }`);
const request = (document: DocumentNode, variables: Record<string, unknown>) => ({ document, operation: getOperationAST(document)!, variables });
const batch = (n: number) => Array.from({ length: n }, () => ({ clientId: 'not looked at', answers: [] }));

describe('costs remembered per operation (costMemo)', () => {
  it('answers what operationCost answers, for every page size and batch length', () => {
    const memo = costMemo();
    for (const first of [1, 50, 50, 500, 501, 1]) {
      expect(memo.cost(schema, request(LIST, { first }))).toBe(operationCost(schema, request(LIST, { first })));
    }
    for (const n of [1, 10, 10, 500]) {
      expect(memo.cost(schema, request(SUBMIT, { input: batch(n) }))).toBe(operationCost(schema, request(SUBMIT, { input: batch(n) })));
    }
    expect(operationCost(schema, request(LIST, { first: 500 }))).toBeGreaterThan(operationCost(schema, request(LIST, { first: 50 })));
  });

  it('computes an operation with the same variables once; other variables or another parse are computed anew', () => {
    const memo = costMemo();
    memo.cost(schema, request(LIST, { first: 50 }));
    memo.cost(schema, request(LIST, { first: 50 }));
    expect(memo.computed()).toBe(1);
    memo.cost(schema, request(LIST, { first: 20 }));
    expect(memo.computed()).toBe(2);
    // A batch's content is not part of the cost: two batches of ten are the same cost.
    memo.cost(schema, request(SUBMIT, { input: batch(10) }));
    memo.cost(schema, request(SUBMIT, { input: batch(10).map((r) => ({ ...r, clientId: 'another' })) }));
    expect(memo.computed()).toBe(3);
    // The same text parsed again is another operation object: remembered by identity, not by text.
    const again = parse(`query List($first: Int!) { reviews(first: $first) { edges { node { id answers { itemKey value } risks { itemKey } } } } }`);
    memo.cost(schema, request(again, { first: 50 }));
    expect(memo.computed()).toBe(4);
  });

  it('remembers no failure: variables that do not fit throw every time', () => {
    const memo = costMemo();
    expect(() => memo.cost(schema, request(LIST, { first: 'fifty' }))).toThrow(/Variable "\$first"/);
    expect(() => memo.cost(schema, request(LIST, { first: 'fifty' }))).toThrow(/Variable "\$first"/);
    expect(memo.computed()).toBe(2);
  });
});
