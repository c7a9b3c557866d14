import { DEFAULT_MAX_TEXT_LENGTH } from './template.types.js';
import type { TemplateItem } from './template.types.js';

/** The fixed answers of the yes/no types, as stored in `Answers`. */
export const FIXED_CHOICES: Readonly<Record<'yes_no_na' | 'yes_no_dont_know' | 'yes_no', readonly string[]>> = {
  yes_no_na: ['yes', 'no', 'not_applicable'],
  yes_no_dont_know: ['yes', 'no', 'dont_know'],
  yes_no: ['yes', 'no'],
};

/** What is wrong with one answer value, independent of where it sits. */
export interface AnswerProblem {
  code: 'WRONG_TYPE' | 'INVALID_CHOICE' | 'NOT_INTEGER' | 'OUT_OF_RANGE' | 'TOO_LONG';
  message: string;
}

/** The values an item of a choice type accepts, or null for number and free-text items. */
export function allowedChoices(item: TemplateItem): readonly string[] | null {
  switch (item.answerType) {
    case 'yes_no_na':
    case 'yes_no_dont_know':
    case 'yes_no':
      return FIXED_CHOICES[item.answerType];
    case 'single_choice':
      return (item.options ?? []).map((option) => option.value);
    case 'number':
    case 'free_text':
      return null;
  }
}

/**
 * Whether an item must be answered before its review is completed: `required` when set, otherwise every
 * item except free text, which is for optional observations.
 */
export function isItemRequired(item: TemplateItem): boolean {
  return item.required ?? item.answerType !== 'free_text';
}

/**
 * Whether a text is longer than `maxLength` Unicode code points, so an emoji counts as one character. The
 * code-unit length bounds the answer from both sides, which keeps a megabyte string from being walked.
 */
export function textLengthExceeds(text: string, maxLength: number): boolean {
  if (text.length <= maxLength) return false;
  if (text.length > maxLength * 2) return true;
  let count = 0;
  for (let index = 0; index < text.length; index += 1) {
    if (isSurrogatePair(text, index)) index += 1;
    count += 1;
    if (count > maxLength) return true;
  }
  return false;
}

function isSurrogatePair(text: string, index: number): boolean {
  const high = text.charCodeAt(index);
  const low = text.charCodeAt(index + 1);
  return high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff;
}

/**
 * Checks one answer value against its item's answer type and limits, returning the problem or null.
 * Never throws: the value may be anything a phone or an attacker sent.
 */
export function answerProblem(item: TemplateItem, value: unknown): AnswerProblem | null {
  const choices = allowedChoices(item);
  if (choices !== null) {
    if (typeof value !== 'string') return { code: 'WRONG_TYPE', message: 'Expected one of the choices.' };
    if (!choices.includes(value)) {
      return { code: 'INVALID_CHOICE', message: `Must be one of: ${choices.join(', ')}.` };
    }
    return null;
  }
  if (item.answerType === 'number') {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      return { code: 'WRONG_TYPE', message: 'Expected a finite number.' };
    }
    // Safe integers only: above 2^53 a count can no longer be told from its neighbour.
    if (item.integer === true && !Number.isSafeInteger(value)) {
      return { code: 'NOT_INTEGER', message: 'Must be a whole number.' };
    }
    if ((item.min !== undefined && value < item.min) || (item.max !== undefined && value > item.max)) {
      return { code: 'OUT_OF_RANGE', message: `Must be between ${item.min ?? '-∞'} and ${item.max ?? '∞'}.` };
    }
    return null;
  }
  if (typeof value !== 'string') return { code: 'WRONG_TYPE', message: 'Expected text.' };
  const maxLength = item.maxLength ?? DEFAULT_MAX_TEXT_LENGTH;
  if (textLengthExceeds(value, maxLength)) {
    return { code: 'TOO_LONG', message: `At most ${maxLength} characters.` };
  }
  return null;
}
