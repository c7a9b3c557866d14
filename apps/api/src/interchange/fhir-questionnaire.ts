import {
  allowedChoices,
  conditionsOf,
  findItem,
  isItemRequired,
  type AnswerCondition,
  type AnswerValue,
  type LocalizedText,
  type TemplateDefinition,
  type TemplateItem,
} from '@hjulet/domain';
import { FIXED_CHOICE_LABELS } from './xlsform-sheets.js';

/*
 * HL7 FHIR R4 (4.0.1) resources as plain JSON: a template version as a Questionnaire, a review as a
 * de-identified QuestionnaireResponse (docs/interchange.md). Swedish is the resource language; English
 * rides along in the core `translation` extension. Hjulet's risk rules travel in Hjulet's own extension,
 * which a receiver that does not know it may ignore (FHIR's rule for extensions that are not modifiers).
 */

export type FhirJson = Record<string, unknown>;

/** Hjulet's canonical URLs: stable names, not addresses that must answer. */
export const HJULET_FHIR_BASE = 'https://hjulet.se/fhir';
const RISK_EXTENSION = `${HJULET_FHIR_BASE}/StructureDefinition/risk-rule`;
const TRANSLATION = 'http://hl7.org/fhir/StructureDefinition/translation';
const ITEM_CONTROL = 'http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl';
const ENABLE_WHEN_EXPRESSION = 'http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-enableWhenExpression';

export const questionnaireUrl = (key: string): string => `${HJULET_FHIR_BASE}/Questionnaire/${key}`;

/** The primitive's `_element` carrying the English text. */
const english = (text: LocalizedText): FhirJson => ({
  extension: [
    {
      url: TRANSLATION,
      extension: [
        { url: 'lang', valueCode: 'en' },
        { url: 'content', valueString: text.en },
      ],
    },
  ],
});

const textOf = (text: LocalizedText): FhirJson => ({ text: text.sv, _text: english(text) });

/** The label of a choice, as the phone shows it. */
function choiceLabel(item: TemplateItem, value: string): LocalizedText {
  const option = item.options?.find((candidate) => candidate.value === value);
  if (option) return option.label;
  const fixed = FIXED_CHOICE_LABELS[value];
  return fixed ? { sv: fixed.sv, en: fixed.en } : { sv: value, en: value };
}

/** An answer value in the form FHIR types it for this item: `answerCoding`, `answerInteger`... */
function typedValue(prefix: 'answer' | 'value', item: TemplateItem, value: AnswerValue): FhirJson {
  if (allowedChoices(item) !== null) return { [`${prefix}Coding`]: { code: String(value), display: choiceLabel(item, String(value)).sv } };
  if (item.answerType === 'number') return { [`${prefix}${item.integer ? 'Integer' : 'Decimal'}`]: value };
  return { [`${prefix}String`]: String(value) };
}

function questionType(item: TemplateItem): string {
  if (allowedChoices(item) !== null) return 'choice';
  if (item.answerType === 'number') return item.integer ? 'integer' : 'decimal';
  return 'text';
}

/** The enableWhen entries of one condition, all of which must hold. */
function enableWhenOf(def: TemplateDefinition, condition: AnswerCondition): FhirJson[] {
  const controller = findItem(def, condition.itemKey) as TemplateItem;
  const entry = (operator: string, value: AnswerValue) => ({ question: condition.itemKey, operator, ...typedValue('answer', controller, value) });
  if ('equals' in condition) return condition.equals.map((value) => entry('=', value));
  if ('notEquals' in condition)
    return [{ question: condition.itemKey, operator: 'exists', answerBoolean: true }, ...condition.notEquals.map((value) => entry('!=', value))];
  if ('atLeast' in condition) return [entry('>=', condition.atLeast)];
  if ('atMost' in condition) return [entry('<=', condition.atMost)];
  return [entry('>=', condition.between[0]), entry('<=', condition.between[1])];
}

/** A condition as FHIRPath, for the one shape enableWhen cannot hold: "one of several answers" and another condition. */
function fhirPathOf(def: TemplateDefinition, condition: AnswerCondition): string {
  const controller = findItem(def, condition.itemKey) as TemplateItem;
  const isChoice = allowedChoices(controller) !== null;
  const answer = `%resource.repeat(item).where(linkId = '${condition.itemKey}').answer.value${isChoice ? '.code' : ''}`;
  const literal = (value: AnswerValue) => (typeof value === 'number' ? String(value) : `'${value.replace(/'/g, "\\'")}'`);
  if ('equals' in condition) return `(${answer} in (${condition.equals.map(literal).join(' | ')}))`;
  if ('notEquals' in condition) return `(${answer}.exists() and (${answer} in (${condition.notEquals.map(literal).join(' | ')})).not())`;
  if ('atLeast' in condition) return `(${answer} >= ${condition.atLeast})`;
  if ('atMost' in condition) return `(${answer} <= ${condition.atMost})`;
  return `(${answer} >= ${condition.between[0]} and ${answer} <= ${condition.between[1]})`;
}

function visibility(def: TemplateDefinition, item: TemplateItem): FhirJson {
  if (!item.showWhen) return {};
  const conditions = conditionsOf(item.showWhen);
  const [only] = conditions;
  if (conditions.length === 1 && only && 'equals' in only && only.equals.length > 1) return { enableWhen: enableWhenOf(def, only), enableBehavior: 'any' };
  if (conditions.every((condition) => !('equals' in condition) || condition.equals.length === 1)) {
    const enableWhen = conditions.flatMap((condition) => enableWhenOf(def, condition));
    return { enableWhen, ...(enableWhen.length > 1 ? { enableBehavior: 'all' } : {}) };
  }
  const expression = conditions.map((condition) => fhirPathOf(def, condition)).join(' and ');
  return { extension: [{ url: ENABLE_WHEN_EXPRESSION, valueExpression: { language: 'text/fhirpath', expression } }] };
}

function riskExtension(item: TemplateItem): FhirJson[] {
  const risk = item.risk;
  if (!risk) return [];
  const test: FhirJson[] =
    'when' in risk
      ? risk.when.map((value) => ({ url: 'when', ...typedValue('value', item, value) }))
      : 'atLeast' in risk
        ? [{ url: 'atLeast', valueDecimal: risk.atLeast }]
        : 'atMost' in risk
          ? [{ url: 'atMost', valueDecimal: risk.atMost }]
          : [
              { url: 'atLeast', valueDecimal: risk.between[0] },
              { url: 'atMost', valueDecimal: risk.between[1] },
            ];
  return [
    {
      url: RISK_EXTENSION,
      extension: [
        ...test,
        { url: 'category', valueCode: risk.category },
        { url: 'severity', valueCode: risk.severity },
        { url: 'reportableToFireService', valueBoolean: risk.reportableToFireService },
      ],
    },
  ];
}

function questionOf(def: TemplateDefinition, item: TemplateItem): FhirJson {
  const { extension = [], ...shown } = visibility(def, item) as { extension?: FhirJson[] };
  const bounds =
    item.answerType === 'number'
      ? ([
          ['minValue', item.min],
          ['maxValue', item.max],
        ] as const)
      : [];
  const boundExtensions = bounds.flatMap(([name, value]) =>
    value === undefined ? [] : [{ url: `http://hl7.org/fhir/StructureDefinition/${name}`, [item.integer ? 'valueInteger' : 'valueDecimal']: value }],
  );
  const allExtensions = [...extension, ...boundExtensions, ...riskExtension(item)];
  const choices = allowedChoices(item);
  return {
    ...(allExtensions.length > 0 ? { extension: allExtensions } : {}),
    linkId: item.key,
    ...textOf(item.text),
    type: questionType(item),
    ...shown,
    required: isItemRequired(item),
    ...(item.answerType === 'free_text' && item.maxLength !== undefined ? { maxLength: item.maxLength } : {}),
    ...(choices ? { answerOption: choices.map((value) => ({ valueCoding: { code: value, display: choiceLabel(item, value).sv } })) } : {}),
    ...(item.help
      ? {
          item: [
            {
              extension: [
                { url: ITEM_CONTROL, valueCodeableConcept: { coding: [{ system: 'http://hl7.org/fhir/questionnaire-item-control', code: 'help' }] } },
              ],
              linkId: `${item.key}.help`,
              ...textOf(item.help),
              type: 'display',
            },
          ],
        }
      : {}),
  };
}

export interface VersionFacts {
  id: string;
  version: number;
  status: 'draft' | 'published';
  /** When it was published, or created for a draft. */
  date: Date;
}

/** A template version as an R4 Questionnaire: one group per section, one question per item. */
export function templateToQuestionnaire(def: TemplateDefinition, facts: VersionFacts): FhirJson {
  return {
    resourceType: 'Questionnaire',
    id: facts.id,
    language: 'sv',
    url: questionnaireUrl(def.key),
    version: String(facts.version),
    name: def.key.replace(/[^A-Za-z0-9_]/g, '_'),
    title: def.title.sv,
    _title: english(def.title),
    status: facts.status === 'published' ? 'active' : 'draft',
    date: facts.date.toISOString(),
    ...(def.description ? { description: def.description.sv, _description: english(def.description) } : {}),
    item: def.sections.map((section) => ({
      linkId: section.key,
      ...textOf(section.title),
      type: 'group',
      item: section.items.map((item) => questionOf(def, item)),
    })),
  };
}

export interface ReviewFacts {
  id: string;
  status: 'offered' | 'declined' | 'in_progress' | 'completed';
  answers: Record<string, AnswerValue>;
  performedAt: Date | null;
  offeredAt: Date;
  template: { key: string; version: number };
}

const RESPONSE_STATUS: Record<ReviewFacts['status'], string> = {
  offered: 'in-progress',
  in_progress: 'in-progress',
  completed: 'completed',
  declined: 'stopped',
};

/**
 * A review as a de-identified R4 QuestionnaireResponse: no subject, no author, no free text (it may name
 * people or places), and the day it was done rather than the minute. What remains is the answers a
 * statistician needs, by the linkIds of the version's Questionnaire.
 */
export function reviewToQuestionnaireResponse(def: TemplateDefinition, review: ReviewFacts): FhirJson {
  const groups = def.sections.flatMap((section) => {
    const answered = section.items.filter((item) => item.answerType !== 'free_text' && review.answers[item.key] !== undefined);
    if (answered.length === 0) return [];
    return [
      {
        linkId: section.key,
        text: section.title.sv,
        item: answered.map((item) => ({ linkId: item.key, text: item.text.sv, answer: [typedValue('value', item, review.answers[item.key] as AnswerValue)] })),
      },
    ];
  });
  const authored = (review.performedAt ?? review.offeredAt).toISOString().slice(0, 10);
  return {
    resourceType: 'QuestionnaireResponse',
    id: review.id,
    language: 'sv',
    questionnaire: `${questionnaireUrl(review.template.key)}|${review.template.version}`,
    status: RESPONSE_STATUS[review.status],
    authored,
    ...(groups.length > 0 ? { item: groups } : {}),
  };
}
