import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { passesTest } from './answer-conditions.js';
import { isItemVisible, normalizeAnswers, validateAnswers } from './answers.js';
import { deriveRisks } from './risks.js';
import { buildRulesTemplate } from './test-template.factory.js';
import type { Answers } from './template.types.js';

const template = buildRulesTemplate();
const complete: Answers = { lives_alone: 'no', falls: 0, steps: 0, meals: 3, walking: '0' };

function codes(answers: unknown, mode: 'draft' | 'complete' = 'draft'): string[] {
  return validateAnswers(template, answers, mode).map((issue) => `${issue.field}:${issue.code}`);
}

const riskKeys = (answers: Answers): string[] => deriveRisks(template, answers).map((risk) => risk.itemKey);
const finite = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 });
const answerValue = fc.oneof(fc.constantFrom('yes', 'no', '0', '1–2', 'rollator'), fc.string({ maxLength: 4 }), finite, fc.integer({ min: -3, max: 60 }));

describe('yes_no and whole-number answers', () => {
  it('accepts only Ja or Nej to a yes_no item', () => {
    expect(codes({ lives_alone: 'yes' })).toEqual([]);
    expect(codes({ lives_alone: 'not_applicable' })).toEqual(['answers.lives_alone:INVALID_CHOICE']);
    expect(codes({ lives_alone: 'dont_know' })).toEqual(['answers.lives_alone:INVALID_CHOICE']);
    expect(codes({ lives_alone: true })).toEqual(['answers.lives_alone:WRONG_TYPE']);
  });

  it('refuses a number with a fraction for a whole-number item, and says so', () => {
    const [issue] = validateAnswers(template, { falls: 2.5 }, 'draft');
    expect(issue).toEqual({ field: 'answers.falls', code: 'NOT_INTEGER', message: 'Must be a whole number.' });
    expect(codes({ falls: 3 })).toEqual([]);
    expect(codes({ steps: 2.5 })).toEqual([]);
  });

  it('refuses exactly the numbers that are not safe whole numbers', () => {
    const number = fc.oneof(finite, fc.integer({ min: 0, max: 50 }), fc.constantFrom(2 ** 53, 0.1 + 0.2, -0));
    fc.assert(
      fc.property(number, (falls) => {
        const found = codes({ falls });
        expect(found.includes('answers.falls:NOT_INTEGER')).toBe(!Number.isSafeInteger(falls));
        if (Number.isSafeInteger(falls) && falls >= 0 && falls <= 50) expect(found).toEqual([]);
      }),
    );
  });
});

describe('number tests', () => {
  it('include both bounds', () => {
    expect([1, 2, 3].map((steps) => riskKeys({ ...complete, steps }))).toEqual([['steps'], ['steps'], ['steps']]);
    expect(riskKeys({ ...complete, falls: 2, meals: 1 })).toEqual(['falls', 'meals']);
    expect(riskKeys({ ...complete, falls: 1, steps: 0.5, meals: 2 })).toEqual([]);
  });

  it('agree with plain comparisons, and between is atLeast and atMost together', () => {
    fc.assert(
      fc.property(finite, finite, finite, (answer, a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        expect(passesTest({ atLeast: from }, answer)).toBe(answer >= from);
        expect(passesTest({ atMost: to }, answer)).toBe(answer <= to);
        expect(passesTest({ between: [from, to] }, answer)).toBe(passesTest({ atLeast: from }, answer) && passesTest({ atMost: to }, answer));
      }),
    );
  });

  it('never pass an answer that is not a finite number, not even a numeric string', () => {
    const notNumber = fc.oneof(fc.string(), fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, null, undefined, '3', [3]), fc.anything());
    fc.assert(
      fc.property(notNumber, finite, (answer, bound) => {
        fc.pre(typeof answer !== 'number' || !Number.isFinite(answer));
        expect(passesTest({ atLeast: bound }, answer) || passesTest({ atMost: bound }, answer) || passesTest({ between: [bound, bound] }, answer)).toBe(false);
      }),
    );
  });

  it('find a fall risk exactly when the count of falls is two or more, whatever the key order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50 }), fc.dictionary(fc.constantFrom('lives_alone', 'steps', 'meals', 'walking'), answerValue), (falls, rest) => {
        const answers: Answers = { ...rest, falls };
        const risks = riskKeys(answers);
        expect(risks.includes('falls')).toBe(falls >= 2);
        expect(riskKeys(Object.fromEntries(Object.entries(answers).reverse()))).toEqual(risks);
      }),
    );
  });
});

describe('conditions', () => {
  it('shows a notEquals item only once the earlier item is answered with something else', () => {
    expect(isItemVisible(template, 'aid_used', {})).toBe(false);
    expect(isItemVisible(template, 'aid_used', { walking: '0' })).toBe(false);
    expect(isItemVisible(template, 'aid_used', { walking: 'rollator' })).toBe(true);
  });

  it('makes notEquals the opposite of equals for every answer given', () => {
    fc.assert(
      fc.property(answerValue, fc.array(answerValue, { minLength: 1, maxLength: 4 }), (answer, values) => {
        expect(passesTest({ notEquals: values }, answer)).toBe(!passesTest({ equals: values }, answer));
      }),
    );
  });

  it('shows an allOf item when every condition holds, and requires its answer then', () => {
    expect(isItemVisible(template, 'alarm_reach', { lives_alone: 'yes', falls: 1 })).toBe(true);
    expect(isItemVisible(template, 'alarm_reach', { lives_alone: 'yes', falls: 0 })).toBe(false);
    expect(isItemVisible(template, 'alarm_reach', { lives_alone: 'no', falls: 4 })).toBe(false);
    expect(codes({ ...complete, lives_alone: 'yes', falls: 1, injured: 'no' }, 'complete')).toEqual(['answers.alarm_reach:REQUIRED']);
    expect(codes({ ...complete, alarm_reach: 'no' })).toEqual(['answers.alarm_reach:HIDDEN_ITEM']);
  });

  it('shows an allOf item exactly when each of its conditions alone would show it', () => {
    const alone = (answers: Answers) => isItemVisible(template, 'lives_alone', answers) && answers.lives_alone === 'yes';
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('lives_alone', 'falls', 'walking'), answerValue), (answers) => {
        const shown = isItemVisible(template, 'alarm_reach', answers);
        expect(shown).toBe(alone(answers) && isItemVisible(template, 'injured', answers));
      }),
    );
  });

  it('drops answers hidden by any kind of condition and finds no risk in them', () => {
    const stale: Answers = { ...complete, lives_alone: 'yes', falls: 0, walking: '0', injured: 'yes', aid_used: 'no', alarm_reach: 'no' };
    expect(normalizeAnswers(template, stale)).toEqual({ ...complete, lives_alone: 'yes' });
    expect(riskKeys(stale)).toEqual([]);
  });
});
