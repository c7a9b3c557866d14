/**
 * The checklist template model. Templates are data, not code: a new checklist (fall prevention,
 * nutrition, medication) is a new JSON document that passes `parseTemplateDefinition`, never a code change.
 * Answers are keyed by each item's stable `key`, so a later template version never shifts old answers.
 */

import type { Actor, AnswerType, Severity } from './vocabulary.js';

export type Locale = 'sv' | 'en';

/** Every user-facing string of a template exists in Swedish and English. */
export interface LocalizedText {
  sv: string;
  en: string;
}

/*
 * Answer types (`AnswerType`, listed in vocabulary.ts):
 * - `yes_no_na`: Ja / Nej / Inte aktuellt (`yes` | `no` | `not_applicable`), the safety checklist's default.
 * - `yes_no_dont_know`: Ja / Nej / Vet inte (`yes` | `no` | `dont_know`).
 * - `yes_no`: Ja / Nej (`yes` | `no`), for questions that always have one of the two answers.
 * - `single_choice`: one of the item's `options[].value`.
 * - `number`: a finite number within the item's optional `min` / `max`; a whole number when `integer`.
 * - `free_text`: a string of at most `maxLength` characters (default 2000).
 */

export type AnswerValue = string | number;

/** Answers of one review, keyed by item key. */
export type Answers = Record<string, AnswerValue>;

/** In a template file `label` may be left out when the value is its own label; the parser then fills it in. */
export interface ChoiceOption {
  value: string;
  label: LocalizedText;
}

export interface SuggestedAction {
  /** Stable within the item, e.g. `landlord_installs_alarm`. */
  key: string;
  text: LocalizedText;
  actor: Actor;
}

/** A test of a number answer against inclusive bounds: `{ atLeast: 2 }`, `{ atMost: 0 }`, `{ between: [1, 3] }`. */
export type NumberTest = { atLeast: number } | { atMost: number } | { between: [number, number] };

/** What a risk is once found: its category, how serious, who hears of it, what can be done. */
export interface RiskOutcome {
  /** A key of the template's `riskCategories`. */
  category: string;
  severity: Severity;
  /** Whether the fire service receives this risk (statistics; referrals with consent). */
  reportableToFireService: boolean;
  suggestedActions: SuggestedAction[];
}

/**
 * Which answers of an item mean a risk, and what the risk is: `when` lists the answers (any of them), or a
 * number item's answer is compared with one `NumberTest`.
 */
export type RiskRule = ({ when: AnswerValue[] } | NumberTest) & RiskOutcome;

/**
 * A test of one earlier item's answer: `equals` (one of the values), `notEquals` (answered, but none of
 * the values) or a `NumberTest`. An unanswered or hidden item passes no test.
 */
export type AnswerCondition = { itemKey: string } & ({ equals: AnswerValue[] } | { notEquals: AnswerValue[] } | NumberTest);

/** The item is shown (and may be answered) only when the condition holds, or when all of them hold. */
export type ShowWhen = AnswerCondition | { allOf: AnswerCondition[] };

export interface TemplateItem {
  key: string;
  text: LocalizedText;
  help?: LocalizedText;
  answerType: AnswerType;
  options?: ChoiceOption[];
  min?: number;
  max?: number;
  /** Number items only: the answer must be a whole number. */
  integer?: boolean;
  maxLength?: number;
  /** Must be answered before the review can be completed. Default: true, except `free_text`. */
  required?: boolean;
  showWhen?: ShowWhen;
  risk?: RiskRule;
  /** A key of the template's `qualityDimensions`. */
  qualityDimension?: string;
}

export interface TemplateSection {
  key: string;
  title: LocalizedText;
  items: TemplateItem[];
}

export interface KeyedLabel {
  key: string;
  label: LocalizedText;
}

/** One version of a checklist template, as stored (immutable once published) and sent to phones. */
export interface TemplateDefinition {
  key: string;
  title: LocalizedText;
  description?: LocalizedText;
  riskCategories: KeyedLabel[];
  /** The municipality's own list (Växjö's six dimensions by default): data, not an enum. */
  qualityDimensions: KeyedLabel[];
  sections: TemplateSection[];
}

/** A problem with input, located by a path such as `answers.alarm_present` or `sections[2].items[0].key`. */
export interface ValidationIssue {
  field: string;
  code: string;
  message: string;
}

export interface IdentifiedRisk {
  itemKey: string;
  category: string;
  severity: Severity;
  reportableToFireService: boolean;
  suggestedActions: SuggestedAction[];
}

/** Draft answers may be partial; complete answers must cover every visible required item. */
export type AnswerMode = 'draft' | 'complete';

/** Longest free-text answer when an item sets no `maxLength`, counted in Unicode code points. */
export const DEFAULT_MAX_TEXT_LENGTH = 2000;
