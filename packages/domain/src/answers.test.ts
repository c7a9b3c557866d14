import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isItemVisible, normalizeAnswers, validateAnswers, visibleItems } from './answers.js';
import { allItems } from './template-definition.js';
import { buildItem, buildTemplate } from './test-template.factory.js';
import type { Answers, TemplateDefinition } from './template.types.js';

const template = buildTemplate();
const complete: Answers = { alarm_present: 'yes', stove_forgotten: 'no', falls_last_year: 0, short_note: 'ok' };

function codes(answers: unknown, mode: 'draft' | 'complete' = 'draft'): string[] {
  return validateAnswers(template, answers, mode).map((issue) => `${issue.field}:${issue.code}`);
}

describe('validateAnswers', () => {
  it('accepts partial answers in a draft', () => {
    expect(codes({ alarm_present: 'no' })).toEqual([]);
  });

  it('requires every visible required item before completion, but not free text by default', () => {
    expect(codes({}, 'complete')).toEqual([
      'answers.alarm_present:REQUIRED',
      'answers.stove_forgotten:REQUIRED',
      'answers.falls_last_year:REQUIRED',
      'answers.short_note:REQUIRED',
    ]);
    expect(codes(complete, 'complete')).toEqual([]);
  });

  it('requires a shown follow-up question once its controlling answer shows it', () => {
    expect(codes({ ...complete, stove_forgotten: 'yes' }, 'complete')).toEqual(['answers.stove_guard:REQUIRED']);
    expect(codes({ ...complete, stove_forgotten: 'yes', stove_guard: 'yes' }, 'complete')).toEqual(['answers.guard_model:REQUIRED']);
  });

  it('counts blank text as unanswered for a required free-text item', () => {
    expect(codes({ ...complete, short_note: '   ' }, 'complete')).toEqual(['answers.short_note:REQUIRED']);
    expect(codes({ ...complete, short_note: '   ' }, 'draft')).toEqual([]);
  });

  it('rejects answers that are not an object', () => {
    for (const answers of [null, undefined, [], ['yes'], 'yes', 7, true]) {
      expect(codes(answers)).toEqual(['answers:NOT_AN_OBJECT']);
    }
  });

  it('rejects answers to questions the template does not have, sorted by key', () => {
    expect(codes({ zebra: 'yes', alarm_present: 'yes', apple: 1 })).toEqual(['answers.apple:UNKNOWN_ITEM', 'answers.zebra:UNKNOWN_ITEM']);
  });

  it('treats a __proto__ key from JSON as an unknown answer without polluting any prototype', () => {
    const answers: unknown = JSON.parse('{"__proto__": {"polluted": "yes"}, "alarm_present": "yes"}');
    expect(codes(answers)).toEqual(['answers.__proto__:UNKNOWN_ITEM']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('never takes an inherited property such as constructor for an answer', () => {
    const withConstructor: TemplateDefinition = {
      ...template,
      sections: [{ key: 'a', title: { sv: 'A', en: 'A' }, items: [buildItem({ key: 'constructor' })] }],
    };
    expect(validateAnswers(withConstructor, {}, 'complete').map((issue) => issue.code)).toEqual(['REQUIRED']);
    expect(codes({ constructor: 'yes' })).toEqual(['answers.constructor:UNKNOWN_ITEM']);
  });

  it('reports a value of the wrong type or outside the choices', () => {
    expect(codes({ alarm_present: 1, stove_forgotten: 'maybe', hearing: 'not_applicable' })).toEqual([
      'answers.alarm_present:WRONG_TYPE',
      'answers.stove_forgotten:INVALID_CHOICE',
      'answers.hearing:INVALID_CHOICE',
    ]);
    expect(codes({ stove_forgotten: 'yes', stove_guard: 'yes', guard_model: null })).toEqual(['answers.guard_model:WRONG_TYPE']);
    expect(codes({ stove_forgotten: 'yes', stove_guard: 'yes', guard_model: 'gas' })).toEqual(['answers.guard_model:INVALID_CHOICE']);
  });

  it('accepts only finite numbers within the item range', () => {
    expect(codes({ falls_last_year: Number.NaN })).toEqual(['answers.falls_last_year:WRONG_TYPE']);
    expect(codes({ falls_last_year: Number.POSITIVE_INFINITY })).toEqual(['answers.falls_last_year:WRONG_TYPE']);
    expect(codes({ falls_last_year: '3' })).toEqual(['answers.falls_last_year:WRONG_TYPE']);
    expect(codes({ falls_last_year: 51 })).toEqual(['answers.falls_last_year:OUT_OF_RANGE']);
    expect(codes({ falls_last_year: -1 })).toEqual(['answers.falls_last_year:OUT_OF_RANGE']);
    expect(codes({ falls_last_year: 50 })).toEqual([]);
  });

  it('limits free text to 2000 characters by default, counting an emoji as one', () => {
    expect(codes({ notes: 'a'.repeat(2000) })).toEqual([]);
    expect(codes({ notes: 'a'.repeat(2001) })).toEqual(['answers.notes:TOO_LONG']);
    expect(codes({ notes: '🔥'.repeat(2000) })).toEqual([]);
    expect(codes({ notes: '🔥'.repeat(2001) })).toEqual(['answers.notes:TOO_LONG']);
    expect(codes({ notes: 'x'.repeat(5_000_000) })).toEqual(['answers.notes:TOO_LONG']);
    expect(codes({ short_note: 'elva tecken' })).toEqual(['answers.short_note:TOO_LONG']);
  });

  it('rejects an answer to a question hidden by its controlling answer, however deep', () => {
    expect(codes({ stove_forgotten: 'no', stove_guard: 'yes' })).toEqual(['answers.stove_guard:HIDDEN_ITEM']);
    expect(codes({ stove_forgotten: 'no', stove_guard: 'yes', guard_model: 'timer' })).toEqual([
      'answers.stove_guard:HIDDEN_ITEM',
      'answers.guard_model:HIDDEN_ITEM',
    ]);
    expect(codes({ stove_forgotten: 'yes', stove_guard: 'yes', guard_model: 'timer' })).toEqual([]);
  });

  it('shortens an absurdly long unknown key in the field path', () => {
    const [issue] = validateAnswers(template, { ['k'.repeat(10_000)]: 'yes' }, 'draft');
    expect(issue?.code).toBe('UNKNOWN_ITEM');
    expect(issue?.field.length).toBeLessThan(80);
  });

  it('gives the same issues whatever the order of the answer keys', () => {
    const answers = { zeta: 1, stove_guard: 'yes', alarm_present: 3, stove_forgotten: 'no', alpha: 'x' };
    const reversed = Object.fromEntries(Object.entries(answers).reverse());
    expect(validateAnswers(template, reversed, 'complete')).toEqual(validateAnswers(template, answers, 'complete'));
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(
        fc.anything({ withNullPrototype: true, withBoxedValues: true, withSparseArray: true }),
        fc.constantFrom('draft', 'complete'),
        (answers, mode) => {
          expect(Array.isArray(validateAnswers(template, answers, mode))).toBe(true);
        },
      ),
    );
  });

  it('never throws on objects keyed by real items, prototype names and long strings, with any values', () => {
    const keys = fc.oneof(
      fc.constantFrom(...allItems(template).map((item) => item.key), '__proto__', 'constructor', 'toString'),
      fc.string({ maxLength: 3000 }),
    );
    fc.assert(
      fc.property(
        fc.dictionary(keys, fc.oneof(fc.anything(), fc.double(), fc.string({ maxLength: 3000 }))),
        fc.constantFrom('draft', 'complete'),
        (answers, mode) => {
          for (const issue of validateAnswers(template, answers, mode)) expect(issue.field.startsWith('answers')).toBe(true);
        },
      ),
    );
  });
});

describe('visibility', () => {
  it('shows a follow-up question only for its controlling answer', () => {
    expect(isItemVisible(template, 'stove_guard', { stove_forgotten: 'yes' })).toBe(true);
    expect(isItemVisible(template, 'stove_guard', { stove_forgotten: 'no' })).toBe(false);
    expect(isItemVisible(template, 'stove_guard', {})).toBe(false);
  });

  it('hides a question whose controlling question is itself hidden, even with a stale answer', () => {
    expect(isItemVisible(template, 'guard_model', { stove_forgotten: 'no', stove_guard: 'yes' })).toBe(false);
  });

  it('treats an unknown key as not visible', () => {
    expect(isItemVisible(template, 'no_such_item', {})).toBe(false);
  });

  it('lists the visible items in template order', () => {
    const keys = (answers: Answers): string[] => visibleItems(template, answers).map((item) => item.key);
    expect(keys({ stove_forgotten: 'yes' })).toEqual(['alarm_present', 'stove_forgotten', 'stove_guard', 'falls_last_year', 'hearing', 'notes', 'short_note']);
    expect(keys({ stove_forgotten: 'no' })).not.toContain('stove_guard');
  });
});

describe('normalizeAnswers', () => {
  it('drops answers to questions hidden after a controlling answer changed, recursively', () => {
    const before: Answers = { alarm_present: 'no', stove_forgotten: 'yes', stove_guard: 'yes', guard_model: 'heat' };
    expect(normalizeAnswers(template, { ...before, stove_forgotten: 'no' })).toEqual({ alarm_present: 'no', stove_forgotten: 'no' });
    expect(normalizeAnswers(template, { ...before, stove_guard: 'no' })).toEqual({ alarm_present: 'no', stove_forgotten: 'yes', stove_guard: 'no' });
  });

  it('keeps visible answers as they are and drops unknown keys', () => {
    expect(normalizeAnswers(template, { alarm_present: 'maybe', notes: 'Rökte i sängen', unknown_item: 'yes' })).toEqual({
      alarm_present: 'maybe',
      notes: 'Rökte i sängen',
    });
  });

  it('always produces answers with no hidden or unknown item', () => {
    const value = fc.oneof(fc.constantFrom('yes', 'no', 'not_applicable', 'dont_know', 'timer', 'heat'), fc.integer({ min: -2, max: 60 }), fc.string());
    const keys = fc.oneof(fc.constantFrom(...allItems(template).map((item) => item.key)), fc.string());
    fc.assert(
      fc.property(fc.dictionary(keys, value), (answers) => {
        const normalized = normalizeAnswers(template, answers);
        const structural = validateAnswers(template, normalized, 'draft').filter((issue) => ['HIDDEN_ITEM', 'UNKNOWN_ITEM'].includes(issue.code));
        expect(structural).toEqual([]);
        expect(normalizeAnswers(template, normalized)).toEqual(normalized);
      }),
    );
  });
});
