import { NUMBER_TESTS, testNameOf } from './answer-conditions.js';
import type { AnswerTest, AnswerTestName } from './answer-conditions.js';
import { answerProblem } from './answer-rules.js';
import { JsonReader, pathOf } from './json-reader.js';
import type { AnswerCondition, AnswerValue, ShowWhen, TemplateItem } from './template.types.js';

const CONDITION_TESTS: readonly AnswerTestName[] = ['equals', 'notEquals', ...NUMBER_TESTS];
const CONDITION_PROPERTIES: readonly string[] = ['itemKey', ...CONDITION_TESTS];

/** Stands in for a condition that could not be read; an empty `itemKey` makes the cross-checks skip it. */
const BROKEN_CONDITION: AnswerCondition = { itemKey: '', equals: [] };

/** The tests a risk rule may use: `when` (kept from the first template format) or a number test. */
export const RISK_TESTS: readonly AnswerTestName[] = ['when', ...NUMBER_TESTS];

/**
 * Reads the one test among `names` that `properties` holds. None is reported at the first name (so an old
 * template missing `when` gets `risk.when: MISSING` as before); more than one at each extra name, because
 * two tests side by side would leave the reader guessing whether both or either must hold.
 */
export function parseAnswerTest(
  reader: JsonReader,
  properties: ReadonlyMap<string, unknown>,
  field: string,
  names: readonly AnswerTestName[],
): AnswerTest | null {
  const [name, ...extra] = names.filter((candidate) => properties.get(candidate) !== undefined);
  if (name === undefined) {
    reader.report(pathOf(field, names[0] ?? 'when'), 'MISSING', `Give one of: ${names.join(', ')}.`);
    return null;
  }
  for (const other of extra) {
    reader.report(pathOf(field, other), 'CONFLICTING_TESTS', `Give only one of ${names.join(', ')}; ${name} is already given.`);
  }
  const value = properties.get(name);
  const at = pathOf(field, name);
  switch (name) {
    case 'when':
      return { when: parseAnswerValues(reader, value, at) };
    case 'equals':
      return { equals: parseAnswerValues(reader, value, at) };
    case 'notEquals':
      return { notEquals: parseAnswerValues(reader, value, at) };
    case 'atLeast': {
      const bound = reader.finiteNumber(value, at);
      return bound === null ? null : { atLeast: bound };
    }
    case 'atMost': {
      const bound = reader.finiteNumber(value, at);
      return bound === null ? null : { atMost: bound };
    }
    case 'between':
      return parseBetween(reader, value, at);
  }
}

function parseBetween(reader: JsonReader, value: unknown, field: string): AnswerTest | null {
  const list = reader.array(value, field, true);
  if (list === null) return null;
  if (list.length !== 2) {
    reader.report(field, 'INVALID_VALUE', 'Expected two numbers: [from, to], both included.');
    return null;
  }
  const from = reader.finiteNumber(list[0], `${field}[0]`);
  const to = reader.finiteNumber(list[1], `${field}[1]`);
  if (from === null || to === null) return null;
  if (from > to) {
    reader.report(field, 'MIN_GREATER_THAN_MAX', 'The first number must not be greater than the second.');
    return null;
  }
  return { between: [from, to] };
}

/**
 * Reads `showWhen`: one condition on an earlier item (`{ itemKey, equals | notEquals | atLeast | atMost |
 * between }`) or `{ allOf: [condition, …] }`. allOf is not nested: with no "any of" beside it, nesting
 * would say nothing a flat list does not.
 */
export function parseShowWhen(reader: JsonReader, value: unknown, field: string, keyPattern: RegExp): ShowWhen | null {
  const properties = reader.object(value, field, [...CONDITION_PROPERTIES, 'allOf']);
  if (properties === null) return null;
  if (properties.get('allOf') === undefined) return parseCondition(reader, properties, field, keyPattern);
  for (const name of properties.keys()) {
    if (CONDITION_PROPERTIES.includes(name)) {
      reader.report(pathOf(field, name), 'NOT_ALLOWED', 'Beside allOf, put every condition inside the allOf list.');
    }
  }
  const list = reader.array(properties.get('allOf'), pathOf(field, 'allOf'), true);
  if (list === null) return null;
  const allOf = list.map((element, index): AnswerCondition => {
    const elementField = `${field}.allOf[${index}]`;
    const inner = reader.object(element, elementField, [...CONDITION_PROPERTIES, 'allOf']);
    if (inner !== null && inner.get('allOf') !== undefined) {
      reader.report(pathOf(elementField, 'allOf'), 'NOT_ALLOWED', 'allOf cannot be nested: list every condition in one allOf.');
    } else if (inner !== null) {
      const condition = parseCondition(reader, inner, elementField, keyPattern);
      if (condition !== null) return condition;
    }
    // A broken condition (already reported) keeps its place, so later ones are located by their own index.
    return BROKEN_CONDITION;
  });
  return { allOf };
}

function parseCondition(reader: JsonReader, properties: Map<string, unknown>, field: string, keyPattern: RegExp): AnswerCondition | null {
  const itemKey = reader.key(reader.need(properties, 'itemKey', field), pathOf(field, 'itemKey'), keyPattern);
  const test = parseAnswerTest(reader, properties, field, CONDITION_TESTS);
  // `when` is not among CONDITION_TESTS; the check only tells the compiler so.
  if (test === null || 'when' in test) return null;
  return { itemKey: itemKey ?? '', ...test };
}

function parseAnswerValues(reader: JsonReader, value: unknown, field: string): AnswerValue[] {
  const list = reader.array(value, field, true) ?? [];
  const values: AnswerValue[] = [];
  list.forEach((element, index) => {
    if (typeof element === 'string' || (typeof element === 'number' && Number.isFinite(element))) {
      values.push(element);
    } else {
      reader.report(`${field}[${index}]`, 'WRONG_TYPE', 'Expected a string or a finite number.');
    }
  });
  return values;
}

/**
 * Checks a test against the item whose answer it tests: listed values must be answers the item accepts,
 * and number tests need a number item and bounds that are possible answers (within `min`/`max`, whole
 * when `integer`), since a bound no answer can reach makes a rule that never or always fires.
 */
export function checkTest(reader: JsonReader, item: TemplateItem, test: AnswerTest, field: string): void {
  const name = testNameOf(test);
  const at = pathOf(field, name);
  const report = (value: unknown, path: string): void => {
    const problem = answerProblem(item, value);
    if (problem !== null) reader.report(path, 'INVALID_ANSWER', `Not a valid answer to "${item.key}": ${problem.message}`);
  };
  if ('when' in test || 'equals' in test || 'notEquals' in test) {
    const values = 'when' in test ? test.when : 'equals' in test ? test.equals : test.notEquals;
    values.forEach((value, index) => report(value, `${at}[${index}]`));
    return;
  }
  if (item.answerType !== 'number') {
    reader.report(at, 'NOT_ALLOWED', `${name} compares numbers, but "${item.key}" is not a number item.`);
    return;
  }
  if ('between' in test) test.between.forEach((bound, index) => report(bound, `${at}[${index}]`));
  else report('atLeast' in test ? test.atLeast : test.atMost, at);
}
