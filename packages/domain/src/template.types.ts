/**
 * The checklist template model. Templates are data, not code: a new checklist (fall prevention,
 * nutrition, medication) is a new JSON document that passes `parseTemplateDefinition`, never a code change.
 * Answers are keyed by each item's stable `key`, so a later template version never shifts old answers.
 */

export type Locale = 'sv' | 'en';

/** Every user-facing string of a template exists in Swedish and English. */
export interface LocalizedText {
  sv: string;
  en: string;
}

/**
 * - `yes_no_na`: Ja / Nej / Inte aktuellt (`yes` | `no` | `not_applicable`), the safety checklist's default.
 * - `yes_no_dont_know`: Ja / Nej / Vet inte (`yes` | `no` | `dont_know`).
 * - `single_choice`: one of the item's `options[].value`.
 * - `number`: a finite number within the item's optional `min` / `max`.
 * - `free_text`: a string of at most `maxLength` characters (default 2000).
 */
export type AnswerType = 'yes_no_na' | 'yes_no_dont_know' | 'single_choice' | 'number' | 'free_text';

export type AnswerValue = string | number;

/** Answers of one review, keyed by item key. */
export type Answers = Record<string, AnswerValue>;

export type Severity = 'low' | 'medium' | 'high';

/** Who carries out an action agreed with the client (DOMAIN.md section 3, FollowUpAction). */
export type Actor =
  | 'resident'
  | 'relative'
  | 'home_care_contacts_landlord'
  | 'housing_adaptation'
  | 'occupational_therapist'
  | 'fire_service'
  | 'other';

export const ACTORS: readonly Actor[] = [
  'resident',
  'relative',
  'home_care_contacts_landlord',
  'housing_adaptation',
  'occupational_therapist',
  'fire_service',
  'other',
];

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

/** Which answers of an item mean a risk, and what the risk is. */
export interface RiskRule {
  when: AnswerValue[];
  /** A key of the template's `riskCategories`. */
  category: string;
  severity: Severity;
  /** Whether the fire service receives this risk (statistics; referrals with consent). */
  reportableToFireService: boolean;
  suggestedActions: SuggestedAction[];
}

/** The item is shown (and may be answered) only when another, earlier item has one of these answers. */
export interface ShowWhen {
  itemKey: string;
  equals: AnswerValue[];
}

export interface TemplateItem {
  key: string;
  text: LocalizedText;
  help?: LocalizedText;
  answerType: AnswerType;
  options?: ChoiceOption[];
  min?: number;
  max?: number;
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
