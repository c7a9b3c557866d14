import { FIXED_CHOICES, allItems, isItemRequired, type LocalizedText, type TemplateDefinition, type TemplateItem } from '@hjulet/domain';
import { writeRelevant, writeRiskTest } from './xlsform-expression.js';
import { FIXED_CHOICE_LABELS, HJULET_COLUMNS, HJULET_LISTS, LANGUAGE_NAMES, SHEETS, localized, type WrittenSheet } from './xlsform-sheets.js';

const SURVEY_HEADERS = [
  'type',
  'name',
  localized('label', 'sv'),
  localized('label', 'en'),
  localized('hint', 'sv'),
  localized('hint', 'en'),
  'required',
  'relevant',
  'constraint',
  HJULET_COLUMNS.risk,
  HJULET_COLUMNS.riskCategory,
  HJULET_COLUMNS.severity,
  HJULET_COLUMNS.reportable,
  HJULET_COLUMNS.qualityDimension,
];
const CHOICE_HEADERS = ['list_name', 'name', localized('label', 'sv'), localized('label', 'en')];
const ACTION_HEADERS = ['item', 'name', 'actor', localized('label', 'sv'), localized('label', 'en')];

/** The choice list an item's answers come from: the answer type's own for the fixed types, else one per item. */
function listNames(def: TemplateDefinition): Map<string, string> {
  const reserved = new Set<string>([...Object.keys(FIXED_CHOICES), HJULET_LISTS.riskCategories, HJULET_LISTS.qualityDimensions]);
  const names = new Map<string, string>();
  for (const item of allItems(def)) {
    if (item.answerType !== 'single_choice') continue;
    let name = item.key;
    while (reserved.has(name)) name = `${name}_list`;
    reserved.add(name);
    names.set(item.key, name);
  }
  return names;
}

function typeOf(item: TemplateItem, lists: ReadonlyMap<string, string>): string {
  switch (item.answerType) {
    case 'yes_no_na':
    case 'yes_no_dont_know':
    case 'yes_no':
      return `select_one ${item.answerType}`;
    case 'single_choice':
      return `select_one ${lists.get(item.key) as string}`;
    case 'number':
      return item.integer ? 'integer' : 'decimal';
    case 'free_text':
      return 'text';
  }
}

function constraintOf(item: TemplateItem): string {
  if (item.answerType === 'free_text') return item.maxLength !== undefined ? `string-length(.) <= ${item.maxLength}` : '';
  const bounds = [item.min !== undefined ? `. >= ${item.min}` : null, item.max !== undefined ? `. <= ${item.max}` : null];
  return bounds.filter((bound) => bound !== null).join(' and ');
}

const texts = (text: LocalizedText | undefined): string[] => [text?.sv ?? '', text?.en ?? ''];

function surveyRow(item: TemplateItem, lists: ReadonlyMap<string, string>): string[] {
  const risk = item.risk;
  return [
    typeOf(item, lists),
    item.key,
    ...texts(item.text),
    ...texts(item.help),
    isItemRequired(item) ? 'yes' : '',
    item.showWhen ? writeRelevant(item.showWhen) : '',
    constraintOf(item),
    risk ? writeRiskTest(risk) : '',
    risk?.category ?? '',
    risk?.severity ?? '',
    risk ? (risk.reportableToFireService ? 'yes' : 'no') : '',
    item.qualityDimension ?? '',
  ];
}

/**
 * A template version as XLSForm sheets (docs/interchange.md): one group per section, the fixed answer
 * types as shared choice lists, risk rules in `hjulet::` columns and the `hjulet_actions` sheet, risk
 * categories and quality dimensions as choice lists. `xlsFormToTemplate` reads it back to the same template.
 */
export function templateToXlsForm(def: TemplateDefinition, version?: number): WrittenSheet[] {
  const lists = listNames(def);
  const blank = SURVEY_HEADERS.map(() => '');
  const survey: string[][] = [];
  if (def.description) survey.push(['note', 'hjulet_description', ...texts(def.description), ...blank.slice(4)]);
  for (const section of def.sections) {
    survey.push(['begin group', section.key, ...texts(section.title), ...blank.slice(4)]);
    for (const item of section.items) survey.push(surveyRow(item, lists));
    survey.push(['end group', ...blank.slice(1)]);
  }

  const choices: string[][] = [];
  const used = new Set(allItems(def).map((item) => item.answerType));
  for (const [type, values] of Object.entries(FIXED_CHOICES)) {
    if (!used.has(type as keyof typeof FIXED_CHOICES)) continue;
    for (const value of values) choices.push([type, value, FIXED_CHOICE_LABELS[value]?.sv ?? value, FIXED_CHOICE_LABELS[value]?.en ?? value]);
  }
  for (const item of allItems(def)) {
    for (const option of item.options ?? []) choices.push([lists.get(item.key) as string, option.value, ...texts(option.label)]);
  }
  for (const { key, label } of def.riskCategories) choices.push([HJULET_LISTS.riskCategories, key, ...texts(label)]);
  for (const { key, label } of def.qualityDimensions) choices.push([HJULET_LISTS.qualityDimensions, key, ...texts(label)]);

  const actions = allItems(def).flatMap((item) =>
    (item.risk?.suggestedActions ?? []).map((action) => [item.key, action.key, action.actor, ...texts(action.text)]),
  );

  return [
    { name: SHEETS.survey, headers: SURVEY_HEADERS, rows: survey },
    { name: SHEETS.choices, headers: CHOICE_HEADERS, rows: choices },
    {
      name: SHEETS.settings,
      headers: ['form_id', 'form_title', 'version', 'default_language', HJULET_COLUMNS.titleEn],
      rows: [[def.key, def.title.sv, version === undefined ? '' : String(version), LANGUAGE_NAMES.sv, def.title.en]],
    },
    { name: SHEETS.actions, headers: ACTION_HEADERS, rows: actions },
  ];
}
