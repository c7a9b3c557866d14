import type { AnswerCondition, AnswerValue, NumberTest, RiskRule, ShowWhen, TemplateItem } from './template.types.js';

/** The names of the tests an answer can be put to, as they appear in a template file. */
export const EQUALITY_TESTS = ['when', 'equals', 'notEquals'] as const;
export const NUMBER_TESTS = ['atLeast', 'atMost', 'between'] as const;
export type AnswerTestName = (typeof EQUALITY_TESTS)[number] | (typeof NUMBER_TESTS)[number];

/** One test on one answer, in whichever form a risk rule or a condition holds it. */
export type AnswerTest = { when: AnswerValue[] } | { equals: AnswerValue[] } | { notEquals: AnswerValue[] } | NumberTest;

function isAnswerValue(value: unknown): value is AnswerValue {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
}

/**
 * Whether an answer passes a test. A missing or malformed answer passes none, not even `notEquals`, so a
 * question that depends on "anything but no" stays hidden until the earlier question is answered. Number
 * tests pass only numbers, never a numeric string: the same answer must give the same result on the phone
 * and on the server.
 */
export function passesTest(test: AnswerTest, answer: unknown): boolean {
  if (!isAnswerValue(answer)) return false;
  if ('when' in test) return test.when.some((value) => value === answer);
  if ('equals' in test) return test.equals.some((value) => value === answer);
  if ('notEquals' in test) return test.notEquals.every((value) => value !== answer);
  if (typeof answer !== 'number') return false;
  if ('atLeast' in test) return answer >= test.atLeast;
  if ('atMost' in test) return answer <= test.atMost;
  return answer >= test.between[0] && answer <= test.between[1];
}

/** Whether this answer to the item means a risk by the item's rule; false for an item without one. */
export function isRiskAnswer(item: TemplateItem, answer: unknown): boolean {
  const rule: RiskRule | undefined = item.risk;
  return rule !== undefined && passesTest(rule, answer);
}

/** The simple conditions a `showWhen` consists of, all of which must hold. */
export function conditionsOf(showWhen: ShowWhen): AnswerCondition[] {
  return 'allOf' in showWhen ? showWhen.allOf : [showWhen];
}

/** The name of the test a rule or condition uses, for locating issues (`risk.atLeast`, `showWhen.notEquals`). */
export function testNameOf(test: AnswerTest): AnswerTestName {
  if ('when' in test) return 'when';
  if ('equals' in test) return 'equals';
  if ('notEquals' in test) return 'notEquals';
  if ('atLeast' in test) return 'atLeast';
  if ('atMost' in test) return 'atMost';
  return 'between';
}
