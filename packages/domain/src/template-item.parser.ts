import { JsonReader, pathOf } from './json-reader.js';
import { RISK_TESTS, parseAnswerTest, parseShowWhen } from './template-condition.parser.js';
import type { ChoiceOption, KeyedLabel, RiskRule, SuggestedAction, TemplateItem } from './template.types.js';
import { ACTORS, ANSWER_TYPES, SEVERITIES } from './vocabulary.js';

/** An item as read, with where it was found and whether its answers can be checked yet. */
export interface ParsedItem {
  item: TemplateItem;
  field: string;
  /** False when the answer type or options are broken, so checks of answers against it are skipped. */
  answerTypeKnown: boolean;
}

const ITEM_PROPERTIES = [
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
];
const MAX_OPTION_VALUE_LENGTH = 64;

/**
 * Reads one item's own structure; checks that need other items (unique keys, `showWhen` targets, answers
 * named by rules) are left to the template. Returns null only when the item is not an object at all.
 */
export function parseItem(reader: JsonReader, value: unknown, field: string, keyPattern: RegExp): ParsedItem | null {
  const properties = reader.object(value, field, ITEM_PROPERTIES);
  if (properties === null) return null;
  const at = (name: string): string => pathOf(field, name);
  const present = (name: string): boolean => properties.get(name) !== undefined;

  const key = reader.key(reader.need(properties, 'key', field), at('key'), keyPattern);
  const text = reader.text(reader.need(properties, 'text', field), at('text'));
  const answerType = reader.oneOf(reader.need(properties, 'answerType', field), at('answerType'), ANSWER_TYPES);
  const item: TemplateItem = { key: key ?? '', text: text ?? { sv: '', en: '' }, answerType: answerType ?? 'free_text' };

  const help = present('help') ? reader.text(properties.get('help'), at('help')) : null;
  if (help !== null) item.help = help;

  let options: ChoiceOption[] | null = null;
  if (present('options')) {
    if (answerType !== null && answerType !== 'single_choice') {
      reader.report(at('options'), 'OPTIONS_NOT_ALLOWED', 'Only single_choice items have options.');
    } else {
      options = parseOptions(reader, properties.get('options'), at('options'));
      if (options !== null) item.options = options;
    }
  } else if (answerType === 'single_choice') {
    reader.report(at('options'), 'OPTIONS_REQUIRED', 'A single_choice item needs options.');
  }

  if (present('integer')) {
    if (answerType !== null && answerType !== 'number') {
      reader.report(at('integer'), 'NOT_ALLOWED', 'Only number items can be limited to whole numbers.');
    } else {
      const integer = reader.boolean(properties.get('integer'), at('integer'));
      if (integer !== null) item.integer = integer;
    }
  }
  for (const bound of ['min', 'max'] as const) {
    if (!present(bound)) continue;
    if (answerType !== null && answerType !== 'number') {
      reader.report(at(bound), 'NOT_ALLOWED', `Only number items have ${bound}.`);
      continue;
    }
    const number = reader.finiteNumber(properties.get(bound), at(bound));
    if (number !== null && item.integer === true && !Number.isSafeInteger(number)) {
      reader.report(at(bound), 'INVALID_VALUE', `A whole-number item needs a whole-number ${bound}.`);
    } else if (number !== null) {
      item[bound] = number;
    }
  }
  if (item.min !== undefined && item.max !== undefined && item.min > item.max) {
    reader.report(at('min'), 'MIN_GREATER_THAN_MAX', 'min must not be greater than max.');
  }

  if (present('maxLength')) {
    const maxLength = properties.get('maxLength');
    if (answerType !== null && answerType !== 'free_text') {
      reader.report(at('maxLength'), 'NOT_ALLOWED', 'Only free_text items have maxLength.');
    } else if (typeof maxLength !== 'number' || !Number.isInteger(maxLength) || maxLength < 1) {
      reader.report(at('maxLength'), 'INVALID_VALUE', 'Must be a positive whole number.');
    } else {
      item.maxLength = maxLength;
    }
  }

  const required = present('required') ? reader.boolean(properties.get('required'), at('required')) : null;
  if (required !== null) item.required = required;
  const showWhen = present('showWhen') ? parseShowWhen(reader, properties.get('showWhen'), at('showWhen'), keyPattern) : null;
  if (showWhen !== null) item.showWhen = showWhen;
  const risk = present('risk') ? parseRisk(reader, properties.get('risk'), at('risk'), keyPattern) : null;
  if (risk !== null) item.risk = risk;
  const dimension = present('qualityDimension') ? reader.key(properties.get('qualityDimension'), at('qualityDimension'), keyPattern) : null;
  if (dimension !== null) item.qualityDimension = dimension;

  const answerTypeKnown = answerType !== null && (answerType !== 'single_choice' || options !== null);
  return { item, field, answerTypeKnown };
}

/** Reads `riskCategories` or `qualityDimensions`: keyed labels with unique keys. */
export function parseLabels(reader: JsonReader, value: unknown, field: string, keyPattern: RegExp): KeyedLabel[] | null {
  const list = reader.array(value, field, false);
  if (list === null) return null;
  const labels: KeyedLabel[] = [];
  const seen = new Set<string>();
  list.forEach((element, index) => {
    const elementField = `${field}[${index}]`;
    const properties = reader.object(element, elementField, ['key', 'label']);
    if (properties === null) return;
    const key = reader.key(reader.need(properties, 'key', elementField), pathOf(elementField, 'key'), keyPattern);
    const label = reader.text(reader.need(properties, 'label', elementField), pathOf(elementField, 'label'));
    if (key !== null && seen.has(key)) {
      reader.report(pathOf(elementField, 'key'), 'DUPLICATE_KEY', `Key "${key}" is used twice.`);
    }
    if (key !== null) seen.add(key);
    if (key !== null && label !== null) labels.push({ key, label });
  });
  return labels;
}

function parseOptions(reader: JsonReader, value: unknown, field: string): ChoiceOption[] | null {
  const list = reader.array(value, field, true);
  if (list === null) return null;
  const options: ChoiceOption[] = [];
  const seen = new Set<string>();
  let broken = false;
  list.forEach((element, index) => {
    const elementField = `${field}[${index}]`;
    const properties = reader.object(element, elementField, ['value', 'label']);
    if (properties === null) {
      broken = true;
      return;
    }
    const optionValue = reader.string(reader.need(properties, 'value', elementField), pathOf(elementField, 'value'));
    // A value such as "3" or "1–2" is its own label in both languages, so the file need not repeat it.
    const label =
      properties.get('label') !== undefined
        ? reader.text(properties.get('label'), pathOf(elementField, 'label'))
        : optionValue !== null
          ? { sv: optionValue, en: optionValue }
          : null;
    if (optionValue !== null && !isCleanOptionValue(optionValue)) {
      reader.report(pathOf(elementField, 'value'), 'INVALID_VALUE', 'Must be 1–64 characters without surrounding spaces.');
    } else if (optionValue !== null && seen.has(optionValue)) {
      reader.report(pathOf(elementField, 'value'), 'DUPLICATE_OPTION', `Option "${optionValue}" is listed twice.`);
    }
    if (optionValue === null || label === null) broken = true;
    else {
      seen.add(optionValue);
      options.push({ value: optionValue, label });
    }
  });
  return broken ? null : options;
}

function isCleanOptionValue(value: string): boolean {
  return value.length > 0 && value.length <= MAX_OPTION_VALUE_LENGTH && value.trim() === value;
}

function parseRisk(reader: JsonReader, value: unknown, field: string, keyPattern: RegExp): RiskRule | null {
  const properties = reader.object(value, field, [...RISK_TESTS, 'category', 'severity', 'reportableToFireService', 'suggestedActions']);
  if (properties === null) return null;
  const at = (name: string): string => pathOf(field, name);
  const test = parseAnswerTest(reader, properties, field, RISK_TESTS);
  const category = reader.key(reader.need(properties, 'category', field), at('category'), keyPattern);
  const severity = reader.oneOf(reader.need(properties, 'severity', field), at('severity'), SEVERITIES);
  const reportable = reader.boolean(reader.need(properties, 'reportableToFireService', field), at('reportableToFireService'));
  const actionList = reader.array(reader.need(properties, 'suggestedActions', field), at('suggestedActions'), false) ?? [];
  const suggestedActions: SuggestedAction[] = [];
  const seen = new Set<string>();
  actionList.forEach((element, index) => {
    const actionField = `${at('suggestedActions')}[${index}]`;
    const action = reader.object(element, actionField, ['key', 'text', 'actor']);
    if (action === null) return;
    const key = reader.key(reader.need(action, 'key', actionField), pathOf(actionField, 'key'), keyPattern);
    const text = reader.text(reader.need(action, 'text', actionField), pathOf(actionField, 'text'));
    const actor = reader.oneOf(reader.need(action, 'actor', actionField), pathOf(actionField, 'actor'), ACTORS);
    if (key !== null && seen.has(key)) {
      reader.report(pathOf(actionField, 'key'), 'DUPLICATE_KEY', `Action key "${key}" is used twice in this item.`);
    }
    if (key !== null) seen.add(key);
    if (key !== null && text !== null && actor !== null) suggestedActions.push({ key, text, actor });
  });
  // A broken test was reported; an empty `when` stands in so the rest of the rule is still checked.
  const match = test === null || 'equals' in test || 'notEquals' in test ? { when: [] } : test;
  return {
    ...match,
    category: category ?? '',
    severity: severity ?? 'low',
    reportableToFireService: reportable ?? false,
    suggestedActions,
  };
}
