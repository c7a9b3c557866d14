import { conditionsOf, passesTest } from './answer-conditions.js';
import { answerProblem, isItemRequired } from './answer-rules.js';
import { ownProperties } from './json-reader.js';
import { allItems } from './template-definition.js';
import type { AnswerMode, Answers, TemplateDefinition, TemplateItem, ValidationIssue } from './template.types.js';

/** The stable codes `validateAnswers` reports; clients translate them, messages are for developers. */
export type AnswerIssueCode =
  'NOT_AN_OBJECT' | 'UNKNOWN_ITEM' | 'WRONG_TYPE' | 'INVALID_CHOICE' | 'NOT_INTEGER' | 'OUT_OF_RANGE' | 'TOO_LONG' | 'HIDDEN_ITEM' | 'REQUIRED';

// No valid key is longer than 64, so a longer one is cut in the field path to keep issues small.
const MAX_KEY_IN_FIELD = 64;

/**
 * Whether each item is shown, computed top-down in template order: an item with `showWhen` is visible only
 * when every item its conditions name is itself visible and its answer passes the test, so hiding one item
 * hides everything that depends on it, however deep.
 */
export function visibilityOf(def: TemplateDefinition, answers: ReadonlyMap<string, unknown>): Map<string, boolean> {
  const visible = new Map<string, boolean>();
  for (const item of allItems(def)) {
    const showWhen = item.showWhen;
    const shown =
      showWhen === undefined ||
      conditionsOf(showWhen).every((condition) => visible.get(condition.itemKey) === true && passesTest(condition, answers.get(condition.itemKey)));
    visible.set(item.key, shown);
  }
  return visible;
}

/**
 * Whether the item with this key is shown for these answers. An unknown key is not visible. Only answers
 * that are the object's own properties count, so an item keyed `constructor` is never answered by accident.
 */
export function isItemVisible(def: TemplateDefinition, itemKey: string, answers: Answers): boolean {
  return visibilityOf(def, ownProperties(answers) ?? new Map()).get(itemKey) === true;
}

/** The items shown for these answers, in template order: what the phone renders and what must be answered. */
export function visibleItems(def: TemplateDefinition, answers: Answers): TemplateItem[] {
  const visible = visibilityOf(def, ownProperties(answers) ?? new Map());
  return allItems(def).filter((item) => visible.get(item.key) === true);
}

/**
 * Checks one answer against its item, for a phone validating a field as it is typed. Returns the issue,
 * located at `answers.<key>`, or null when the value is a valid answer (visibility is not considered).
 */
export function validateAnswerValue(item: TemplateItem, value: unknown): ValidationIssue | null {
  const problem = answerProblem(item, value);
  return problem === null ? null : { field: `answers.${item.key}`, code: problem.code, message: problem.message };
}

/**
 * Validates untrusted answers to a template and returns every issue, never throwing. In `draft` mode
 * answers may be missing; in `complete` mode every visible required item must be answered (blank text
 * counts as unanswered). Answering an item hidden by `showWhen` is an error. Issues come in template order,
 * then unknown keys sorted, so the same answers always give the same list whatever their key order.
 */
export function validateAnswers(def: TemplateDefinition, answers: unknown, mode: AnswerMode): ValidationIssue[] {
  const given = ownProperties(answers);
  if (given === null) return [{ field: 'answers', code: 'NOT_AN_OBJECT', message: 'Answers must be an object.' }];
  const issues: ValidationIssue[] = [];
  const visible = visibilityOf(def, given);
  const known = new Set<string>();
  for (const item of allItems(def)) {
    known.add(item.key);
    const field = `answers.${item.key}`;
    if (!given.has(item.key)) {
      if (mode === 'complete' && visible.get(item.key) === true && isItemRequired(item)) {
        issues.push({ field, code: 'REQUIRED', message: 'This question must be answered.' });
      }
      continue;
    }
    const value = given.get(item.key);
    if (visible.get(item.key) !== true) {
      issues.push({ field, code: 'HIDDEN_ITEM', message: 'This question is not shown for the answers given.' });
      continue;
    }
    const issue = validateAnswerValue(item, value);
    if (issue !== null) issues.push(issue);
    else if (mode === 'complete' && isItemRequired(item) && typeof value === 'string' && value.trim() === '') {
      issues.push({ field, code: 'REQUIRED', message: 'This question must be answered.' });
    }
  }
  const unknown = [...given.keys()].filter((key) => !known.has(key)).sort();
  for (const key of unknown) {
    const shown = key.length > MAX_KEY_IN_FIELD ? `${key.slice(0, MAX_KEY_IN_FIELD)}…` : key;
    issues.push({ field: `answers.${shown}`, code: 'UNKNOWN_ITEM', message: 'No question of this template has this key.' });
  }
  return issues;
}

/**
 * Keeps only the answers to items that are visible, dropping answers to hidden items (also those hidden
 * because the item controlling them is hidden) and to keys the template does not have. The phone calls it
 * when a controlling answer changes, so a completed review never carries answers the user cannot see.
 * Values are kept as they are, valid or not; values that are not strings or numbers are dropped.
 */
export function normalizeAnswers(def: TemplateDefinition, answers: Answers): Answers {
  const given = ownProperties(answers) ?? new Map<string, unknown>();
  const visible = visibilityOf(def, given);
  const normalized: Answers = {};
  for (const item of allItems(def)) {
    const value = given.get(item.key);
    if (visible.get(item.key) === true && (typeof value === 'string' || typeof value === 'number')) {
      normalized[item.key] = value;
    }
  }
  return normalized;
}
