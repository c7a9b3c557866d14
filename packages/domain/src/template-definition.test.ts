import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allItems, findItem, parseTemplateDefinition } from './template-definition.js';
import { buildTemplate, templateJson } from './test-template.factory.js';
import type { ValidationIssue } from './template.types.js';

function issuesOf(input: unknown): ValidationIssue[] {
  const result = parseTemplateDefinition(input);
  return result.ok ? [] : result.issues;
}

function codesAt(input: unknown, field: string): string[] {
  return issuesOf(input)
    .filter((issue) => issue.field === field)
    .map((issue) => issue.code);
}

describe('parseTemplateDefinition', () => {
  it('accepts a well-formed template and returns an equal copy, not the input itself', () => {
    const input = buildTemplate();
    const result = parseTemplateDefinition(input);
    expect(result).toEqual({ ok: true, value: input });
    expect(result.ok && result.value).not.toBe(input);
  });

  it('reports a document that is not an object at the root', () => {
    for (const input of [null, undefined, 42, 'template', [buildTemplate()]]) {
      expect(issuesOf(input)).toEqual([{ field: '', code: 'NOT_AN_OBJECT', message: expect.any(String) }]);
    }
  });

  it('reports every missing top-level property by name', () => {
    const fields = issuesOf({}).map((issue) => `${issue.field}:${issue.code}`);
    expect(fields).toEqual(['key:MISSING', 'title:MISSING', 'riskCategories:MISSING', 'qualityDimensions:MISSING', 'sections:MISSING']);
  });

  it('rejects a key that is not lower-case letters, digits and underscores', () => {
    const doc = templateJson();
    doc.sections[0]!.items[0]!.key = 'Alarm-present';
    expect(codesAt(doc, 'sections[0].items[0].key')).toEqual(['INVALID_KEY']);
  });

  it('allows hyphens in the template key only, as in sakerhet-hjalpbehov', () => {
    expect(parseTemplateDefinition({ ...buildTemplate(), key: 'sakerhet-hjalpbehov' }).ok).toBe(true);
    const doc = templateJson();
    doc.sections[0]!.key = 'upp-tacka';
    expect(codesAt(doc, 'sections[0].key')).toEqual(['INVALID_KEY']);
  });

  it('rejects the same item key in two sections', () => {
    const doc = templateJson();
    doc.sections[2]!.items[0]!.key = 'alarm_present';
    expect(codesAt(doc, 'sections[2].items[0].key')).toEqual(['DUPLICATE_KEY']);
  });

  it('rejects two sections with the same key', () => {
    const doc = templateJson();
    doc.sections[1]!.key = 'upptacka';
    expect(codesAt(doc, 'sections[1].key')).toEqual(['DUPLICATE_KEY']);
  });

  it('requires both Swedish and English texts, neither blank', () => {
    const doc = templateJson();
    doc.sections[0]!.items[0]!.text = { sv: '  ', en: 'Alarm?' };
    doc.sections[0]!.items[0]!.help = { sv: 'Hjälp' };
    expect(codesAt(doc, 'sections[0].items[0].text.sv')).toEqual(['EMPTY_TEXT']);
    expect(codesAt(doc, 'sections[0].items[0].help.en')).toEqual(['MISSING']);
  });

  it('reports a misspelt property rather than silently ignoring it', () => {
    const doc = templateJson();
    doc.sections[1]!.items[1]!.showwhen = doc.sections[1]!.items[1]!.showWhen;
    expect(codesAt(doc, 'sections[1].items[1].showwhen')).toEqual(['UNKNOWN_PROPERTY']);
  });

  it('requires options for a single-choice item and refuses them on other items', () => {
    const doc = templateJson();
    delete doc.sections[1]!.items[2]!.options;
    doc.sections[0]!.items[0]!.options = [{ value: 'a', label: { sv: 'A', en: 'A' } }];
    expect(codesAt(doc, 'sections[1].items[2].options')).toEqual(['OPTIONS_REQUIRED']);
    expect(codesAt(doc, 'sections[0].items[0].options')).toEqual(['OPTIONS_NOT_ALLOWED']);
  });

  it('rejects an empty option list and an option value listed twice', () => {
    const empty = templateJson();
    empty.sections[1]!.items[2]!.options = [];
    expect(codesAt(empty, 'sections[1].items[2].options')).toEqual(['EMPTY_LIST']);
    const twice = templateJson();
    twice.sections[1]!.items[2]!.options = [
      { value: 'timer', label: { sv: 'T', en: 'T' } },
      { value: 'timer', label: { sv: 'T2', en: 'T2' } },
    ];
    expect(codesAt(twice, 'sections[1].items[2].options[1].value')).toEqual(['DUPLICATE_OPTION']);
  });

  it('rejects min greater than max, and bounds on an item that is not a number', () => {
    const doc = templateJson();
    doc.sections[2]!.items[0]!.min = 10;
    doc.sections[2]!.items[0]!.max = 5;
    doc.sections[0]!.items[0]!.max = 3;
    expect(codesAt(doc, 'sections[2].items[0].min')).toEqual(['MIN_GREATER_THAN_MAX']);
    expect(codesAt(doc, 'sections[0].items[0].max')).toEqual(['NOT_ALLOWED']);
  });

  it('requires showWhen to refer to an earlier item, never itself or a later one', () => {
    const later = templateJson();
    later.sections[0]!.items[0]!.showWhen = { itemKey: 'stove_forgotten', equals: ['yes'] };
    expect(codesAt(later, 'sections[0].items[0].showWhen.itemKey')).toEqual(['NOT_EARLIER']);
    const itself = templateJson();
    itself.sections[0]!.items[0]!.showWhen = { itemKey: 'alarm_present', equals: ['yes'] };
    expect(codesAt(itself, 'sections[0].items[0].showWhen.itemKey')).toEqual(['NOT_EARLIER']);
    const unknown = templateJson();
    unknown.sections[1]!.items[1]!.showWhen = { itemKey: 'no_such_item', equals: ['yes'] };
    expect(codesAt(unknown, 'sections[1].items[1].showWhen.itemKey')).toEqual(['UNKNOWN_ITEM']);
  });

  it('requires showWhen values to be answers the controlling item accepts', () => {
    const doc = templateJson();
    doc.sections[1]!.items[1]!.showWhen = { itemKey: 'stove_forgotten', equals: ['yes', 'ja', 1] };
    expect(codesAt(doc, 'sections[1].items[1].showWhen.equals[1]')).toEqual(['INVALID_ANSWER']);
    expect(codesAt(doc, 'sections[1].items[1].showWhen.equals[2]')).toEqual(['INVALID_ANSWER']);
    expect(issuesOf(doc)).toHaveLength(2);
  });

  it('requires risk answers to be valid answers of the item itself', () => {
    const doc = templateJson();
    (doc.sections[2]!.items[0]!.risk as { when: unknown[] }).when = [3, 51];
    expect(codesAt(doc, 'sections[2].items[0].risk.when[1]')).toEqual(['INVALID_ANSWER']);
  });

  it('requires risk categories and quality dimensions to be declared by the template', () => {
    const doc = templateJson();
    (doc.sections[0]!.items[0]!.risk as { category: string }).category = 'flood';
    doc.sections[0]!.items[0]!.qualityDimension = 'speed';
    expect(codesAt(doc, 'sections[0].items[0].risk.category')).toEqual(['UNKNOWN_CATEGORY']);
    expect(codesAt(doc, 'sections[0].items[0].qualityDimension')).toEqual(['UNKNOWN_QUALITY_DIMENSION']);
  });

  it('requires suggested actions to have unique keys and a known actor', () => {
    const doc = templateJson();
    const action = { key: 'fix', text: { sv: 'Åtgärda', en: 'Fix' }, actor: 'resident' };
    (doc.sections[0]!.items[0]!.risk as { suggestedActions: unknown[] }).suggestedActions = [action, { ...action, actor: 'janitor' }, action];
    expect(codesAt(doc, 'sections[0].items[0].risk.suggestedActions[1].actor')).toEqual(['INVALID_VALUE']);
    expect(codesAt(doc, 'sections[0].items[0].risk.suggestedActions[2].key')).toEqual(['DUPLICATE_KEY']);
  });

  it('rejects a template without sections and a section without items', () => {
    expect(codesAt({ ...buildTemplate(), sections: [] }, 'sections')).toEqual(['EMPTY_LIST']);
    const doc = templateJson();
    doc.sections[0]!.items = [];
    expect(codesAt(doc, 'sections[0].items')).toEqual(['EMPTY_LIST']);
  });

  it('never throws on arbitrary input and always explains a rejection', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withObjectString: true }), (input) => {
        const result = parseTemplateDefinition(input);
        if (!result.ok) expect(result.issues.length).toBeGreaterThan(0);
      }),
    );
  });

  it('never throws when any property of an item is replaced by an arbitrary value', () => {
    const names = [
      'key',
      'text',
      'help',
      'answerType',
      'options',
      'min',
      'max',
      'integer',
      'maxLength',
      'required',
      'showWhen',
      'risk',
      'qualityDimension',
      '__proto__',
    ];
    fc.assert(
      fc.property(fc.nat(6), fc.constantFrom(...names), fc.anything(), (index, name, value) => {
        const doc = templateJson();
        const items = doc.sections.flatMap((section) => section.items);
        Object.defineProperty(items[index]!, name, { value, enumerable: true, configurable: true, writable: true });
        const result = parseTemplateDefinition(doc);
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) for (const issue of result.issues) expect(issue.code).toMatch(/^[A-Z_]+$/);
      }),
    );
  });

  it('parses its own output to the same definition', () => {
    const first = parseTemplateDefinition(buildTemplate());
    expect(first.ok).toBe(true);
    if (first.ok) expect(parseTemplateDefinition(JSON.parse(JSON.stringify(first.value)))).toEqual(first);
  });
});

describe('findItem and allItems', () => {
  it('finds an item in any section by its key', () => {
    expect(findItem(buildTemplate(), 'stove_guard')?.showWhen).toEqual({ itemKey: 'stove_forgotten', equals: ['yes'] });
  });

  it('finds nothing for an unknown key, including names inherited by every object', () => {
    expect(findItem(buildTemplate(), 'no_such_item')).toBeUndefined();
    expect(findItem(buildTemplate(), 'constructor')).toBeUndefined();
  });

  it('lists every item in template order', () => {
    expect(allItems(buildTemplate()).map((item) => item.key)).toEqual([
      'alarm_present',
      'stove_forgotten',
      'stove_guard',
      'guard_model',
      'falls_last_year',
      'hearing',
      'notes',
      'short_note',
    ]);
  });
});
