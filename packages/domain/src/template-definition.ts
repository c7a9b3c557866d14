import { conditionsOf } from './answer-conditions.js';
import { JsonReader, pathOf } from './json-reader.js';
import { checkTest } from './template-condition.parser.js';
import { parseItem, parseLabels } from './template-item.parser.js';
import type { ParsedItem } from './template-item.parser.js';
import type { AnswerCondition, KeyedLabel, TemplateDefinition, TemplateItem, TemplateSection, ValidationIssue } from './template.types.js';

/** Keys of sections, items, categories, dimensions and suggested actions. */
export const KEY_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;

/** A template's own key may also hold hyphens: the seed template is `sakerhet-hjalpbehov`. */
export const TEMPLATE_KEY_PATTERN = /^[a-z][a-z0-9_-]{0,63}$/;

/** The stable codes `parseTemplateDefinition` reports, for the template editor to translate. */
export type TemplateIssueCode =
  | 'NOT_AN_OBJECT'
  | 'UNKNOWN_PROPERTY'
  | 'MISSING'
  | 'WRONG_TYPE'
  | 'EMPTY_LIST'
  | 'EMPTY_TEXT'
  | 'INVALID_KEY'
  | 'INVALID_VALUE'
  | 'DUPLICATE_KEY'
  | 'DUPLICATE_OPTION'
  | 'OPTIONS_REQUIRED'
  | 'OPTIONS_NOT_ALLOWED'
  | 'NOT_ALLOWED'
  | 'MIN_GREATER_THAN_MAX'
  | 'UNKNOWN_ITEM'
  | 'NOT_EARLIER'
  | 'INVALID_ANSWER'
  | 'CONFLICTING_TESTS'
  | 'UNKNOWN_CATEGORY'
  | 'UNKNOWN_QUALITY_DIMENSION';

export type TemplateDefinitionResult = { ok: true; value: TemplateDefinition } | { ok: false; issues: ValidationIssue[] };

const TEMPLATE_PROPERTIES = ['key', 'title', 'description', 'riskCategories', 'qualityDimensions', 'sections'];
const SECTION_PROPERTIES = ['key', 'title', 'items'];

/**
 * Validates an untrusted template document (structure, then cross-references such as `showWhen` pointing
 * to an earlier item) and returns either a clean copy holding only known properties or every issue found,
 * each located by a path such as `sections[2].items[0].key`. Never throws, whatever the input.
 */
export function parseTemplateDefinition(input: unknown): TemplateDefinitionResult {
  const reader = new JsonReader();
  const root = reader.object(input, '', TEMPLATE_PROPERTIES);
  if (root === null) return { ok: false, issues: reader.issues };

  const key = reader.key(reader.need(root, 'key', ''), 'key', TEMPLATE_KEY_PATTERN);
  const title = reader.text(reader.need(root, 'title', ''), 'title');
  const description = root.get('description') !== undefined ? reader.text(root.get('description'), 'description') : null;
  const riskCategories = parseLabels(reader, reader.need(root, 'riskCategories', ''), 'riskCategories', KEY_PATTERN);
  const qualityDimensions = parseLabels(reader, reader.need(root, 'qualityDimensions', ''), 'qualityDimensions', KEY_PATTERN);

  const sections: TemplateSection[] = [];
  const items: ParsedItem[] = [];
  const sectionList = reader.array(reader.need(root, 'sections', ''), 'sections', true) ?? [];
  const sectionKeys = new Set<string>();
  sectionList.forEach((value, sectionIndex) => {
    const field = `sections[${sectionIndex}]`;
    const properties = reader.object(value, field, SECTION_PROPERTIES);
    if (properties === null) return;
    const sectionKey = reader.key(reader.need(properties, 'key', field), pathOf(field, 'key'), KEY_PATTERN);
    if (sectionKey !== null && sectionKeys.has(sectionKey)) {
      reader.report(pathOf(field, 'key'), 'DUPLICATE_KEY', `Section key "${sectionKey}" is used twice.`);
    }
    if (sectionKey !== null) sectionKeys.add(sectionKey);
    const sectionTitle = reader.text(reader.need(properties, 'title', field), pathOf(field, 'title'));
    const itemList = reader.array(reader.need(properties, 'items', field), pathOf(field, 'items'), true) ?? [];
    const sectionItems: TemplateItem[] = [];
    itemList.forEach((itemValue, itemIndex) => {
      const parsed = parseItem(reader, itemValue, `${field}.items[${itemIndex}]`, KEY_PATTERN);
      if (parsed === null) return;
      items.push(parsed);
      sectionItems.push(parsed.item);
    });
    sections.push({ key: sectionKey ?? '', title: sectionTitle ?? { sv: '', en: '' }, items: sectionItems });
  });

  checkCrossReferences(reader, items, riskCategories ?? [], qualityDimensions ?? []);

  if (reader.issues.length > 0 || key === null || title === null) return { ok: false, issues: reader.issues };
  const value: TemplateDefinition = {
    key,
    title,
    ...(description ? { description } : {}),
    riskCategories: riskCategories ?? [],
    qualityDimensions: qualityDimensions ?? [],
    sections,
  };
  return { ok: true, value };
}

/** Checks what needs the whole template: unique item keys, `showWhen`, and answers named by tests. */
function checkCrossReferences(
  reader: JsonReader,
  items: readonly ParsedItem[],
  riskCategories: readonly KeyedLabel[],
  qualityDimensions: readonly KeyedLabel[],
): void {
  const firstIndex = new Map<string, number>();
  items.forEach(({ item, field }, index) => {
    if (item.key === '') return;
    if (firstIndex.has(item.key)) {
      reader.report(pathOf(field, 'key'), 'DUPLICATE_KEY', `Item key "${item.key}" is used twice.`);
    } else {
      firstIndex.set(item.key, index);
    }
  });
  const categoryKeys = new Set(riskCategories.map((category) => category.key));
  const dimensionKeys = new Set(qualityDimensions.map((dimension) => dimension.key));

  items.forEach(({ item, field, answerTypeKnown }, index) => {
    const showWhen = item.showWhen;
    if (showWhen) {
      const showWhenField = pathOf(field, 'showWhen');
      conditionsOf(showWhen).forEach((condition, conditionIndex) => {
        const conditionField = 'allOf' in showWhen ? `${showWhenField}.allOf[${conditionIndex}]` : showWhenField;
        checkCondition(reader, items, firstIndex, condition, index, conditionField);
      });
    }
    if (item.risk) {
      if (answerTypeKnown) checkTest(reader, item, item.risk, pathOf(field, 'risk'));
      if (item.risk.category !== '' && !categoryKeys.has(item.risk.category)) {
        reader.report(pathOf(field, 'risk.category'), 'UNKNOWN_CATEGORY', 'Not one of riskCategories.');
      }
    }
    if (item.qualityDimension !== undefined && !dimensionKeys.has(item.qualityDimension)) {
      reader.report(pathOf(field, 'qualityDimension'), 'UNKNOWN_QUALITY_DIMENSION', 'Not one of qualityDimensions.');
    }
  });
}

/** A condition must name an earlier item and test it with answers that item can have. */
function checkCondition(
  reader: JsonReader,
  items: readonly ParsedItem[],
  firstIndex: ReadonlyMap<string, number>,
  condition: AnswerCondition,
  index: number,
  field: string,
): void {
  if (condition.itemKey === '') return;
  const controllerIndex = firstIndex.get(condition.itemKey);
  const itemKeyField = pathOf(field, 'itemKey');
  if (controllerIndex === undefined) {
    reader.report(itemKeyField, 'UNKNOWN_ITEM', `No item has the key "${condition.itemKey}".`);
  } else if (controllerIndex >= index) {
    // Earlier only: a phone fills the checklist top-down, and it rules out cycles of visibility.
    reader.report(itemKeyField, 'NOT_EARLIER', 'showWhen must refer to an earlier item.');
  } else {
    const controller = items[controllerIndex];
    if (controller?.answerTypeKnown) checkTest(reader, controller.item, condition, field);
  }
}

/** The item with this key, or undefined. Looks only at own items, so `constructor` is not found by accident. */
export function findItem(def: TemplateDefinition, key: string): TemplateItem | undefined {
  for (const section of def.sections) {
    for (const item of section.items) if (item.key === key) return item;
  }
  return undefined;
}

/** Every item of the template in order, section by section: the order risks and issues are reported in. */
export function allItems(def: TemplateDefinition): TemplateItem[] {
  // A loop, not flatMap: this runs several times per review of a 500-review batch, and V8's flatMap is ~10× slower.
  const items: TemplateItem[] = [];
  for (const section of def.sections) for (const item of section.items) items.push(item);
  return items;
}
