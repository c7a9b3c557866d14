import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveRisks } from './risks.js';
import { allItems } from './template-definition.js';
import { buildTemplate } from './test-template.factory.js';
import type { Answers } from './template.types.js';

const template = buildTemplate();

describe('deriveRisks', () => {
  it('finds a risk for each visible item answered with one of its risk answers, in template order', () => {
    const risks = deriveRisks(template, { falls_last_year: 4, stove_guard: 'no', stove_forgotten: 'yes', alarm_present: 'no' });
    expect(risks.map((risk) => risk.itemKey)).toEqual(['alarm_present', 'stove_forgotten', 'stove_guard', 'falls_last_year']);
    expect(risks[0]).toEqual({
      itemKey: 'alarm_present',
      category: 'brand',
      severity: 'high',
      reportableToFireService: true,
      suggestedActions: [{ key: 'landlord_installs', text: { sv: 'Hyresvärden sätter upp', en: 'Landlord installs' }, actor: 'home_care_contacts_landlord' }],
    });
    expect(risks[3]).toMatchObject({ category: 'fall', reportableToFireService: false });
  });

  it('finds no risk in safe answers, other numbers or missing answers', () => {
    expect(deriveRisks(template, { alarm_present: 'yes', stove_forgotten: 'no', falls_last_year: 2 })).toEqual([]);
    expect(deriveRisks(template, {})).toEqual([]);
  });

  it('ignores a stale answer to a question that is no longer shown', () => {
    expect(deriveRisks(template, { stove_forgotten: 'no', stove_guard: 'no' })).toEqual([]);
  });

  it('never matches a string against a numeric risk answer', () => {
    expect(deriveRisks(template, { falls_last_year: '4' })).toEqual([]);
  });

  it('returns copies, so editing a suggested action leaves the template unchanged', () => {
    const [risk] = deriveRisks(template, { alarm_present: 'no' });
    risk!.suggestedActions[0]!.text.sv = 'ändrad';
    expect(deriveRisks(template, { alarm_present: 'no' })[0]?.suggestedActions[0]?.text.sv).toBe('Hyresvärden sätter upp');
  });

  it('depends only on the answers, not on their key order or on earlier calls', () => {
    const value = fc.oneof(fc.constantFrom('yes', 'no', 'not_applicable', 'timer'), fc.integer({ min: 0, max: 6 }));
    const answers = fc.dictionary(fc.constantFrom(...allItems(template).map((item) => item.key)), value);
    fc.assert(
      fc.property(answers, (given: Answers) => {
        const first = deriveRisks(template, given);
        const reordered = Object.fromEntries(Object.entries(given).reverse());
        expect(deriveRisks(template, given)).toEqual(first);
        expect(deriveRisks(template, reordered)).toEqual(first);
      }),
    );
  });
});
