import type { TemplateDefinition, TemplateItem } from './template.types.js';

/**
 * Test data: a small template exercising every answer type and a chain of `showWhen` three deep
 * (stove_forgotten → stove_guard → guard_model), so visibility can be tested recursively.
 */
export function buildTemplate(): TemplateDefinition {
  return {
    key: 'test-template',
    title: { sv: 'Testmall', en: 'Test template' },
    riskCategories: [
      { key: 'brand', label: { sv: 'Brand', en: 'Fire' } },
      { key: 'fall', label: { sv: 'Fall', en: 'Falls' } },
    ],
    qualityDimensions: [{ key: 'sakerhet', label: { sv: 'Säkerhet', en: 'Safe' } }],
    sections: [
      {
        key: 'upptacka',
        title: { sv: 'Upptäcka', en: 'Detect' },
        items: [
          buildItem({
            key: 'alarm_present',
            risk: {
              when: ['no'],
              category: 'brand',
              severity: 'high',
              reportableToFireService: true,
              suggestedActions: [
                { key: 'landlord_installs', text: { sv: 'Hyresvärden sätter upp', en: 'Landlord installs' }, actor: 'home_care_contacts_landlord' },
              ],
            },
            qualityDimension: 'sakerhet',
          }),
        ],
      },
      {
        key: 'spis',
        title: { sv: 'Spis', en: 'Stove' },
        items: [
          buildItem({ key: 'stove_forgotten', risk: risk(['yes'], 'brand') }),
          buildItem({ key: 'stove_guard', showWhen: { itemKey: 'stove_forgotten', equals: ['yes'] }, risk: risk(['no'], 'brand') }),
          buildItem({
            key: 'guard_model',
            answerType: 'single_choice',
            options: [
              { value: 'timer', label: { sv: 'Timer', en: 'Timer' } },
              { value: 'heat', label: { sv: 'Värme', en: 'Heat' } },
            ],
            showWhen: { itemKey: 'stove_guard', equals: ['yes'] },
          }),
        ],
      },
      {
        key: 'ovrigt',
        title: { sv: 'Övrigt', en: 'Other' },
        items: [
          buildItem({ key: 'falls_last_year', answerType: 'number', min: 0, max: 50, risk: risk([3, 4, 5], 'fall') }),
          buildItem({ key: 'hearing', answerType: 'yes_no_dont_know', required: false }),
          buildItem({ key: 'notes', answerType: 'free_text' }),
          buildItem({ key: 'short_note', answerType: 'free_text', maxLength: 10, required: true }),
        ],
      },
    ],
  };
}

/** A yes/no/not-applicable item unless overridden, with texts derived from its key. */
export function buildItem(overrides: Partial<TemplateItem> & { key: string }): TemplateItem {
  return {
    text: { sv: `Fråga ${overrides.key}`, en: `Question ${overrides.key}` },
    answerType: 'yes_no_na',
    ...overrides,
  };
}

function risk(when: (string | number)[], category: string): NonNullable<TemplateItem['risk']> {
  return { when, category, severity: 'medium', reportableToFireService: category !== 'fall', suggestedActions: [] };
}

/** A deep, freely mutable copy of the test template as untyped JSON, for feeding broken documents. */
export function templateJson(): { [key: string]: unknown; sections: { [key: string]: unknown; items: Record<string, unknown>[] }[] } {
  return JSON.parse(JSON.stringify(buildTemplate())) as ReturnType<typeof templateJson>;
}

/**
 * Test data for the constructs added after the first format: a yes_no item, a whole-number item with a
 * number risk rule, single-choice options that are their own labels, and conditions with notEquals,
 * a number test and allOf.
 */
export function buildRulesTemplate(): TemplateDefinition {
  const fall = (severity: 'low' | 'medium' | 'high') => ({ category: 'fall', severity, reportableToFireService: false, suggestedActions: [] });
  return {
    key: 'rules-template',
    title: { sv: 'Regelmall', en: 'Rules template' },
    riskCategories: [{ key: 'fall', label: { sv: 'Fall', en: 'Falls' } }],
    qualityDimensions: [],
    sections: [
      {
        key: 'fall',
        title: { sv: 'Fall', en: 'Falls' },
        items: [
          buildItem({ key: 'lives_alone', answerType: 'yes_no' }),
          buildItem({ key: 'falls', answerType: 'number', integer: true, min: 0, max: 50, risk: { atLeast: 2, ...fall('high') } }),
          buildItem({ key: 'steps', answerType: 'number', min: 0, max: 10, risk: { between: [1, 3], ...fall('low') } }),
          buildItem({ key: 'meals', answerType: 'number', integer: true, min: 0, max: 10, risk: { atMost: 1, ...fall('medium') } }),
          buildItem({
            key: 'walking',
            answerType: 'single_choice',
            options: [
              { value: '0', label: { sv: '0', en: '0' } },
              { value: '1–2', label: { sv: '1–2', en: '1–2' } },
              { value: 'rollator', label: { sv: 'Rollator', en: 'Rollator' } },
            ],
          }),
          buildItem({ key: 'injured', answerType: 'yes_no', showWhen: { itemKey: 'falls', atLeast: 1 } }),
          buildItem({ key: 'aid_used', answerType: 'yes_no', showWhen: { itemKey: 'walking', notEquals: ['0'] }, risk: { when: ['no'], ...fall('medium') } }),
          buildItem({
            key: 'alarm_reach',
            answerType: 'yes_no',
            showWhen: {
              allOf: [
                { itemKey: 'lives_alone', equals: ['yes'] },
                { itemKey: 'falls', atLeast: 1 },
              ],
            },
            risk: { when: ['no'], ...fall('high') },
          }),
        ],
      },
    ],
  };
}
