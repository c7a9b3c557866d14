import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTemplateDefinition } from './template-definition.js';
import { buildRulesTemplate } from './test-template.factory.js';
import type { ValidationIssue } from './template.types.js';

type Json = Record<string, unknown>;

/** A mutable copy of the rules template whose item `index` has been changed by `change`. */
function withItem(index: number, change: (item: Json) => void): Json {
  const doc = JSON.parse(JSON.stringify(buildRulesTemplate())) as { sections: { items: Json[] }[] };
  change(doc.sections[0]!.items[index]!);
  return doc as unknown as Json;
}

function issuesOf(input: unknown): ValidationIssue[] {
  const result = parseTemplateDefinition(input);
  return result.ok ? [] : result.issues;
}

function found(input: unknown): string[] {
  return issuesOf(input).map((issue) => `${issue.field}:${issue.code}`);
}

const item = (index: number) => `sections[0].items[${index}]`;

describe('parseTemplateDefinition, constructs after the first format', () => {
  it('accepts yes_no, integer items, number rules, conditions and unlabelled options, and parses its own output again', () => {
    const result = parseTemplateDefinition(buildRulesTemplate());
    expect(result).toEqual({ ok: true, value: buildRulesTemplate() });
    if (result.ok) expect(parseTemplateDefinition(JSON.parse(JSON.stringify(result.value)))).toEqual(result);
  });

  it('lets an option value be its own label in both languages', () => {
    const doc = withItem(4, (walking) => {
      walking.options = [{ value: '0' }, { value: '3 eller fler' }, { value: 'rollator', label: { sv: 'Rollator', en: 'Walker' } }];
    });
    const result = parseTemplateDefinition(doc);
    expect(result.ok && result.value.sections[0]!.items[4]!.options).toEqual([
      { value: '0', label: { sv: '0', en: '0' } },
      { value: '3 eller fler', label: { sv: '3 eller fler', en: '3 eller fler' } },
      { value: 'rollator', label: { sv: 'Rollator', en: 'Walker' } },
    ]);
  });

  it('still checks a label that is given, and an option without value or label', () => {
    const doc = withItem(4, (walking) => {
      walking.options = [{ value: '0', label: { sv: 'Noll' } }, {}];
    });
    expect(found(doc)).toEqual([`${item(4)}.options[0].label.en:MISSING`, `${item(4)}.options[1].value:MISSING`]);
  });

  it('accepts a yes_no answer of yes or no only, in rules and conditions', () => {
    const doc = withItem(6, (aid) => {
      (aid.risk as Json).when = ['no', 'not_applicable'];
    });
    expect(found(doc)).toEqual([`${item(6)}.risk.when[1]:INVALID_ANSWER`]);
  });

  it('allows integer on number items only, as true or false, and wants whole-number bounds then', () => {
    expect(
      found(
        withItem(0, (alone) => {
          alone.integer = true;
        }),
      ),
    ).toEqual([`${item(0)}.integer:NOT_ALLOWED`]);
    expect(
      found(
        withItem(1, (falls) => {
          falls.integer = 'yes';
        }),
      ),
    ).toEqual([`${item(1)}.integer:WRONG_TYPE`]);
    expect(
      found(
        withItem(1, (falls) => {
          falls.max = 10.5;
        }),
      ),
    ).toEqual([`${item(1)}.max:INVALID_VALUE`]);
  });

  it('says where and why a number risk rule is wrong', () => {
    const at = `${item(1)}.risk`;
    const risk = (change: (rule: Json) => void) => withItem(1, (falls) => change(falls.risk as Json));
    expect(
      found(
        risk((rule) => {
          rule.atLeast = '2';
        }),
      ),
    ).toEqual([`${at}.atLeast:WRONG_TYPE`]);
    expect(
      found(
        risk((rule) => {
          rule.atLeast = 51;
        }),
      ),
    ).toEqual([`${at}.atLeast:INVALID_ANSWER`]);
    expect(
      found(
        risk((rule) => {
          rule.atLeast = 1.5;
        }),
      ),
    ).toEqual([`${at}.atLeast:INVALID_ANSWER`]);
    expect(
      found(
        risk((rule) => {
          rule.when = [3];
        }),
      ),
    ).toEqual([`${at}.atLeast:CONFLICTING_TESTS`]);
    expect(
      found(
        risk((rule) => {
          delete rule.atLeast;
        }),
      ),
    ).toEqual([`${at}.when:MISSING`]);
    expect(
      found(
        risk((rule) => {
          delete rule.atLeast;
          rule.between = [5, 1];
        }),
      ),
    ).toEqual([`${at}.between:MIN_GREATER_THAN_MAX`]);
    expect(
      found(
        risk((rule) => {
          delete rule.atLeast;
          rule.between = [1];
        }),
      ),
    ).toEqual([`${at}.between:INVALID_VALUE`]);
    expect(
      found(
        risk((rule) => {
          delete rule.atLeast;
          rule.between = [1, 'x'];
        }),
      ),
    ).toEqual([`${at}.between[1]:WRONG_TYPE`]);
    expect(
      found(
        risk((rule) => {
          delete rule.atLeast;
          rule.between = [1, 60];
        }),
      ),
    ).toEqual([`${at}.between[1]:INVALID_ANSWER`]);
    expect(
      found(
        risk((rule) => {
          delete rule.atLeast;
          rule.atleast = 2;
        }),
      ),
    ).toEqual([`${at}.atleast:UNKNOWN_PROPERTY`, `${at}.when:MISSING`]);
  });

  it('refuses a number rule on an item that is not a number', () => {
    const doc = withItem(6, (aid) => {
      const risk = aid.risk as Json;
      delete risk.when;
      risk.atMost = 1;
    });
    expect(found(doc)).toEqual([`${item(6)}.risk.atMost:NOT_ALLOWED`]);
  });

  it('says where and why a notEquals or number condition is wrong', () => {
    expect(
      found(
        withItem(6, (aid) => {
          aid.showWhen = { itemKey: 'walking', notEquals: ['fyra'] };
        }),
      ),
    ).toEqual([`${item(6)}.showWhen.notEquals[0]:INVALID_ANSWER`]);
    expect(
      found(
        withItem(6, (aid) => {
          aid.showWhen = { itemKey: 'walking', equals: ['0'], notEquals: ['0'] };
        }),
      ),
    ).toEqual([`${item(6)}.showWhen.notEquals:CONFLICTING_TESTS`]);
    expect(
      found(
        withItem(5, (injured) => {
          injured.showWhen = { itemKey: 'lives_alone', atLeast: 1 };
        }),
      ),
    ).toEqual([`${item(5)}.showWhen.atLeast:NOT_ALLOWED`]);
    expect(
      found(
        withItem(5, (injured) => {
          injured.showWhen = { itemKey: 'falls' };
        }),
      ),
    ).toEqual([`${item(5)}.showWhen.equals:MISSING`]);
  });

  it('says where and why an allOf condition is wrong', () => {
    const showWhen = (value: unknown) =>
      withItem(7, (alarm) => {
        alarm.showWhen = value;
      });
    expect(found(showWhen({ allOf: [] }))).toEqual([`${item(7)}.showWhen.allOf:EMPTY_LIST`]);
    expect(
      found(
        showWhen({
          allOf: [
            { itemKey: 'lives_alone', equals: ['yes'] },
            { itemKey: 'alarm_reach', equals: ['no'] },
          ],
        }),
      ),
    ).toEqual([`${item(7)}.showWhen.allOf[1].itemKey:NOT_EARLIER`]);
    expect(found(showWhen({ allOf: [{ allOf: [{ itemKey: 'lives_alone', equals: ['yes'] }] }] }))).toEqual([`${item(7)}.showWhen.allOf[0].allOf:NOT_ALLOWED`]);
    expect(found(showWhen({ itemKey: 'lives_alone', allOf: [{ itemKey: 'falls', atLeast: 1 }] }))).toEqual([`${item(7)}.showWhen.itemKey:NOT_ALLOWED`]);
    expect(found(showWhen({ allOf: [{ itemKey: 'falls', between: [2, 99] }, 'yes'] }))).toEqual([
      `${item(7)}.showWhen.allOf[1]:NOT_AN_OBJECT`,
      `${item(7)}.showWhen.allOf[0].between[1]:INVALID_ANSWER`,
    ]);
    expect(found(showWhen({ allOf: ['yes', { itemKey: 'lives_alone' }, { itemKey: 'alarm_reach', equals: ['no'] }] }))).toEqual([
      `${item(7)}.showWhen.allOf[0]:NOT_AN_OBJECT`,
      `${item(7)}.showWhen.allOf[1].equals:MISSING`,
      `${item(7)}.showWhen.allOf[2].itemKey:NOT_EARLIER`,
    ]);
  });

  it('never throws when a rule or condition is built from any mix of test names and values', () => {
    const names = ['itemKey', 'when', 'equals', 'notEquals', 'atLeast', 'atMost', 'between', 'allOf', 'category'];
    const leaf = fc.oneof(fc.anything({ maxDepth: 2 }), fc.constantFrom('falls', 'walking', 'yes', 0, 2, 1.5, [1, 3], [3, 1], ['yes'], []));
    const condition = fc.dictionary(fc.constantFrom(...names), leaf, { maxKeys: 4 });
    const shape = fc.dictionary(fc.constantFrom(...names), fc.oneof(leaf, fc.array(condition, { maxLength: 3 })), { maxKeys: 4 });
    fc.assert(
      fc.property(fc.constantFrom('showWhen', 'risk'), shape, (name, value) => {
        const result = parseTemplateDefinition(
          withItem(7, (alarm) => {
            alarm[name] = value;
          }),
        );
        if (!result.ok) {
          for (const issue of result.issues) {
            expect(issue.field.startsWith(`${item(7)}.${name}`)).toBe(true);
            expect(issue.code).toMatch(/^[A-Z_]+$/);
          }
        }
      }),
    );
  });
});
