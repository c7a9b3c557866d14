import { describe, expect, it } from 'vitest';
import { parseTemplateDefinition } from '@hjulet/domain';
import { TemplateVersionRow } from './template.entities.js';
import { templateVersionView } from './template-view.js';

const label = (text: string) => ({ sv: text, en: text });
const outcome = { category: 'fall', severity: 'high', reportableToFireService: false, suggestedActions: [] };

/** The typed view of one stored version holding these items, parsed as an import would parse them. */
function itemsViewOf(items: unknown[]) {
  const parsed = parseTemplateDefinition({
    key: 'view-test',
    title: label('Vy'),
    riskCategories: [{ key: 'fall', label: label('Fall') }],
    qualityDimensions: [],
    sections: [{ key: 'only', title: label('Enda'), items }],
  });
  if (!parsed.ok) throw new Error(`test template is invalid: ${JSON.stringify(parsed.issues)}`);
  const row = Object.assign(new TemplateVersionRow(), {
    id: '00000000-0000-4000-8000-000000000001',
    templateId: '00000000-0000-4000-8000-000000000002',
    version: 1,
    status: 'published',
    definition: parsed.value,
    createdBy: null,
    createdAt: new Date('2025-01-01T00:00:00Z'),
    publishedAt: new Date('2025-01-01T00:00:00Z'),
  });
  return templateVersionView(row).sections.flatMap((s) => s.items);
}

const falls = { key: 'falls', text: label('Fall senaste året'), answerType: 'number', integer: true, min: 0, max: 100 };
const weight = { key: 'weight', text: label('Vikt'), answerType: 'number' };
const walking = {
  key: 'walking',
  text: label('Går'),
  answerType: 'single_choice',
  options: [
    { value: 'steady', label: label('Stadigt') },
    { value: 'unsteady', label: label('Ostadigt') },
  ],
};
const alone = { key: 'alone', text: label('Bor ensam'), answerType: 'yes_no' };
const itemShownWhen = (showWhen: unknown) => ({ key: 'later', text: label('Sedan'), answerType: 'yes_no', showWhen });
const laterItem = (items: ReturnType<typeof itemsViewOf>) => items.find((i) => i.key === 'later');

describe('the typed view of a risk rule', () => {
  it.each([
    [{ atLeast: 2 }, { atLeast: 2 }],
    [{ atMost: 1 }, { atMost: 1 }],
    [{ between: [1, 3] }, { between: { from: 1, to: 3 } }],
  ])('shows the number test %j, with an empty `when`', (test, shown) => {
    const [item] = itemsViewOf([{ ...falls, risk: { ...test, ...outcome } }]);
    expect(item?.risk).toEqual({ when: [], ...shown, category: 'fall', severity: 'high', reportableToFireService: false, suggestedActions: [] });
  });

  it('shows the answers of a `when` rule as strings, with no number test', () => {
    const [item] = itemsViewOf([{ ...walking, risk: { when: ['unsteady'], ...outcome } }]);
    expect(item?.risk).toEqual({ when: ['unsteady'], category: 'fall', severity: 'high', reportableToFireService: false, suggestedActions: [] });
  });
});

describe('the typed view of a condition', () => {
  it('shows an `equals` condition both in the old `showWhen` and as a list of one in `showWhenAll`', () => {
    const later = laterItem(itemsViewOf([alone, itemShownWhen({ itemKey: 'alone', equals: ['yes'] })]));
    expect(later?.showWhen).toEqual({ itemKey: 'alone', equals: ['yes'] });
    expect(later?.showWhenAll).toEqual([{ itemKey: 'alone', equals: ['yes'] }]);
  });

  it('shows a `notEquals` condition in `showWhenAll`, and none in the old `showWhen` that cannot say it', () => {
    const later = laterItem(itemsViewOf([walking, itemShownWhen({ itemKey: 'walking', notEquals: ['steady'] })]));
    expect(later?.showWhen).toBeUndefined();
    expect(later?.showWhenAll).toEqual([{ itemKey: 'walking', notEquals: ['steady'] }]);
  });

  it.each([
    [{ atLeast: 1 }, { atLeast: 1 }],
    [{ atMost: 0 }, { atMost: 0 }],
    [{ between: [1, 5] }, { between: { from: 1, to: 5 } }],
  ])('shows the number condition %j in `showWhenAll`', (test, shown) => {
    const later = laterItem(itemsViewOf([falls, itemShownWhen({ itemKey: 'falls', ...test })]));
    expect(later?.showWhen).toBeUndefined();
    expect(later?.showWhenAll).toEqual([{ itemKey: 'falls', ...shown }]);
  });

  it('shows every condition of an `allOf`, in order', () => {
    const showWhen = {
      allOf: [
        { itemKey: 'alone', equals: ['yes'] },
        { itemKey: 'falls', atLeast: 2 },
      ],
    };
    const later = laterItem(itemsViewOf([alone, falls, itemShownWhen(showWhen)]));
    expect(later?.showWhen).toBeUndefined();
    expect(later?.showWhenAll).toEqual([
      { itemKey: 'alone', equals: ['yes'] },
      { itemKey: 'falls', atLeast: 2 },
    ]);
  });

  it('shows an item without a condition with an empty `showWhenAll`: always shown', () => {
    const [item] = itemsViewOf([alone]);
    expect(item?.showWhen).toBeUndefined();
    expect(item?.showWhenAll).toEqual([]);
  });

  it('shows number values of an `equals` condition as decimal strings, like `when`', () => {
    const later = laterItem(itemsViewOf([weight, itemShownWhen({ itemKey: 'weight', equals: [0, 2.5] })]));
    expect(later?.showWhenAll).toEqual([{ itemKey: 'weight', equals: ['0', '2.5'] }]);
  });
});

describe('the typed view of an item', () => {
  it('says `integer` is true for a whole-number item and false for every other item', () => {
    const items = itemsViewOf([falls, weight, alone]);
    expect(items.map((i) => [i.key, i.integer])).toEqual([
      ['falls', true],
      ['weight', false],
      ['alone', false],
    ]);
  });

  it('shows an option without a label with its value as the label in both languages', () => {
    const [item] = itemsViewOf([{ key: 'visits', text: label('Besök'), answerType: 'single_choice', options: [{ value: '0' }, { value: '3+' }] }]);
    expect(item?.options).toEqual([
      { value: '0', label: { sv: '0', en: '0' } },
      { value: '3+', label: { sv: '3+', en: '3+' } },
    ]);
  });
});
