import { describe, expect, it } from 'vitest';
import { countNodes, measureAnswer } from './response-cap.js';

const utf8Bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

describe('the response cap measure', () => {
  const answers: Array<[string, unknown]> = [
    ['an empty object', {}],
    ['plain ASCII', { reviews: { edges: [{ node: { id: 'a', status: 'COMPLETED', n: 12.5, ok: true, none: null } }] } }],
    ['characters JSON escapes', { text: '\u0000\u0001"\\\n\t'.repeat(50) }],
    ['non-ASCII and astral characters', { 'nyckel-å': 'Är det brännbart? 🔥'.repeat(40), list: ['ö', '😀', ''] }],
    ['deep nesting', JSON.parse('['.repeat(200) + ']'.repeat(200)) as unknown],
    ['long numbers', { values: [Number.MIN_VALUE, -Number.MAX_VALUE, 1e21, -0.000001234] }],
  ];
  it.each(answers)('never says fewer bytes than the JSON text of %s takes', (_name, value) => {
    expect(measureAnswer(value, Infinity).maxBytes).toBeGreaterThanOrEqual(utf8Bytes(value));
  });

  it('counts every value, and stops once past the limit', () => {
    expect(countNodes({ a: [1, 2, { b: 'c' }] }, 100)).toBe(6);
    expect(
      countNodes(
        Array.from({ length: 1000 }, () => 1),
        10,
      ),
    ).toBe(11);
  });
});
