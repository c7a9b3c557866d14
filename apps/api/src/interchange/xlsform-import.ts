import {
  FIXED_CHOICES,
  KEY_PATTERN,
  TEMPLATE_KEY_PATTERN,
  parseTemplateDefinition,
  type AnswerCondition,
  type ChoiceOption,
  type KeyedLabel,
  type LocalizedText,
  type ShowWhen,
  type TemplateDefinition,
  type TemplateItem,
  type TemplateSection,
} from '@hjulet/domain';
import { ExpressionError, readRelevant, readRiskTest } from './xlsform-expression.js';
import { locateDomainIssue, type Located } from './xlsform-locations.js';
import { HJULET_COLUMNS, HJULET_LISTS, SHEETS, at, type ReadSheet, type SheetRow } from './xlsform-sheets.js';

/** A problem with an imported file, located as `sheet!row/column`. */
export interface InterchangeIssue {
  code: string;
  field: string;
  message: string;
}

export type XlsFormImport = { ok: true; definition: TemplateDefinition; warnings: InterchangeIssue[] } | { ok: false; issues: InterchangeIssue[] };

/** Types ODK knows that a Hjulet template cannot hold: refused rather than dropped. */
const UNSUPPORTED_TYPES = new Set([
  'select_multiple',
  'select_one_from_file',
  'select_multiple_from_file',
  'rank',
  'date',
  'time',
  'datetime',
  'geopoint',
  'geotrace',
  'geoshape',
  'image',
  'audio',
  'video',
  'file',
  'barcode',
  'acknowledge',
  'range',
  'begin repeat',
  'begin_repeat',
  'end repeat',
  'end_repeat',
  'hidden',
  'xml-external',
  'background-audio',
]);
/** Types that collect no answer from the person (metadata, calculations): skipped, with a warning. */
const SKIPPED_TYPES = new Set([
  'start',
  'end',
  'today',
  'deviceid',
  'phonenumber',
  'username',
  'email',
  'audit',
  'subscriberid',
  'simserial',
  'calculate',
  'start-geopoint',
]);
const TRUE_VALUES = new Set(['yes', 'true', 'true()', '1']);
const FALSE_VALUES = new Set(['', 'no', 'false', 'false()', '0']);

const cell = (row: SheetRow, column: string): string => row.cells.get(column.toLowerCase())?.trim() ?? '';

/** The text of a column in Swedish and English: `label::Svenska (sv)`, `label::English (en)`, or plain `label` for both. */
function localizedCell(sheet: ReadSheet, row: SheetRow, column: 'label' | 'hint'): LocalizedText | null {
  const byLocale: Partial<Record<'sv' | 'en' | 'plain', string>> = {};
  for (const header of sheet.headers) {
    const value = row.cells.get(header)?.trim();
    if (!value) continue;
    if (header === column) byLocale.plain = value;
    else if (header.startsWith(`${column}::`) || header.startsWith(`${column}:`)) {
      const language = header.slice(header.indexOf(':') + 1).replace(/^:/, '');
      if (/\(sv\)\s*$/.test(language) || /^(svenska|swedish|sv)$/.test(language)) byLocale.sv = value;
      else if (/\(en\)\s*$/.test(language) || /^(english|engelska|en)$/.test(language)) byLocale.en = value;
    }
  }
  const sv = byLocale.sv ?? byLocale.plain ?? byLocale.en;
  const en = byLocale.en ?? byLocale.plain ?? byLocale.sv;
  return sv && en ? { sv, en } : null;
}

const isBlank = (row: SheetRow): boolean => [...row.cells.values()].every((value) => value.trim() === '');

interface Choices {
  lists: Map<string, ChoiceOption[]>;
  /** The row of each choice of a list, in order. */
  rows: Map<string, number[]>;
}

/** A group still open while the survey is read. */
interface OpenGroup {
  name: string;
  title: LocalizedText;
  conditions: AnswerCondition[];
  row: number;
}

/**
 * Reads an XLSForm (its sheets as plain data) into a template definition, or every problem found, each
 * located as `sheet!row/column`. Groups become sections (nested groups become sections of their own, a
 * group's `relevant` joins each of its items' conditions); a leading note becomes the description; other
 * notes, metadata and calculations are skipped with a warning. The result then passes the domain's own
 * checks (`parseTemplateDefinition`), whose issues are located back in the file. Never throws.
 */
export function xlsFormToTemplate(sheets: ReadonlyMap<string, ReadSheet>): XlsFormImport {
  const issues: InterchangeIssue[] = [];
  const warnings: InterchangeIssue[] = [];
  const report = (code: string, field: string, message: string) => issues.push({ code, field, message });

  const survey = sheets.get(SHEETS.survey);
  const settings = sheets.get(SHEETS.settings);
  if (!survey) report('MISSING_SHEET', SHEETS.survey, 'The workbook has no "survey" sheet.');
  if (!settings) report('MISSING_SHEET', SHEETS.settings, 'The workbook has no "settings" sheet; it gives the template its key (form_id).');
  if (!survey || !settings) return { ok: false, issues };
  for (const column of ['type', 'name']) {
    if (!survey.headers.includes(column)) report('MISSING_COLUMN', at(SHEETS.survey, 1), `The survey sheet has no "${column}" column.`);
  }
  if (issues.length > 0) return { ok: false, issues };

  const locations = new Map<string, Located>();
  const head = readSettings(settings, report, locations);
  const choices = readChoices(sheets.get(SHEETS.choices), report);
  const categories = vocabulary(choices, HJULET_LISTS.riskCategories);
  const dimensions = vocabulary(choices, HJULET_LISTS.qualityDimensions);
  const sections = readSurvey(survey, choices, report, warnings, locations);
  readActions(sheets.get(SHEETS.actions), sections, report);

  if (issues.length > 0 || head === null) return { ok: false, issues };
  const candidate = {
    key: head.key,
    title: head.title,
    ...(sections.description ? { description: sections.description } : {}),
    riskCategories: categories,
    qualityDimensions: dimensions,
    sections: sections.list,
  };
  const parsed = parseTemplateDefinition(candidate);
  if (!parsed.ok) return { ok: false, issues: parsed.issues.map((issue) => ({ ...issue, field: locateDomainIssue(issue.field, locations, choices.rows) })) };
  return { ok: true, definition: parsed.value, warnings };
}

type Report = (code: string, field: string, message: string) => void;

function readSettings(sheet: ReadSheet, report: Report, locations: Map<string, Located>): { key: string; title: LocalizedText } | null {
  const row = sheet.rows.find((candidate) => !isBlank(candidate));
  if (!row) {
    report('MISSING_VALUE', at(SHEETS.settings, 2, 'form_id'), 'The settings sheet needs a row with form_id.');
    return null;
  }
  locations.set('key', { sheet: SHEETS.settings, row: row.row, column: 'form_id' });
  locations.set('title', { sheet: SHEETS.settings, row: row.row, column: 'form_title' });
  const key = cell(row, 'form_id');
  if (key === '') report('MISSING_VALUE', at(SHEETS.settings, row.row, 'form_id'), 'form_id is the template key and must be given.');
  else if (!TEMPLATE_KEY_PATTERN.test(key)) {
    report('INVALID_NAME', at(SHEETS.settings, row.row, 'form_id'), 'form_id must be lower-case letters, digits, _ or -, starting with a letter (at most 64).');
  }
  const sv = cell(row, 'form_title') || key;
  const en = cell(row, HJULET_COLUMNS.titleEn) || sv;
  return key === '' ? null : { key, title: { sv, en } };
}

function readChoices(sheet: ReadSheet | undefined, report: Report): Choices {
  const lists = new Map<string, ChoiceOption[]>();
  const rows = new Map<string, number[]>();
  if (!sheet) return { lists, rows };
  for (const row of sheet.rows) {
    if (isBlank(row)) continue;
    const list = cell(row, 'list_name') || cell(row, 'list name');
    const value = cell(row, 'name') || cell(row, 'value');
    if (list === '') report('MISSING_VALUE', at(SHEETS.choices, row.row, 'list_name'), 'A choice needs a list_name.');
    if (value === '') report('MISSING_VALUE', at(SHEETS.choices, row.row, 'name'), 'A choice needs a name.');
    if (list === '' || value === '') continue;
    const label = localizedCell(sheet, row, 'label');
    if (!label) report('MISSING_LABEL', at(SHEETS.choices, row.row, 'label'), `Choice "${value}" of list "${list}" has no label.`);
    const options = lists.get(list) ?? [];
    if (options.some((option) => option.value === value)) {
      report('DUPLICATE_NAME', at(SHEETS.choices, row.row, 'name'), `Choice "${value}" is listed twice in list "${list}".`);
      continue;
    }
    options.push({ value, label: label ?? { sv: value, en: value } });
    lists.set(list, options);
    rows.set(list, [...(rows.get(list) ?? []), row.row]);
  }
  return { lists, rows };
}

const vocabulary = (choices: Choices, list: string): KeyedLabel[] => (choices.lists.get(list) ?? []).map(({ value, label }) => ({ key: value, label }));

interface ReadSections {
  list: TemplateSection[];
  description?: LocalizedText;
  /** Items by key, for the actions sheet. */
  items: Map<string, { item: TemplateItem; row: number }>;
}

function readSurvey(sheet: ReadSheet, choices: Choices, report: Report, warnings: InterchangeIssue[], locations: Map<string, Located>): ReadSections {
  const result: ReadSections = { list: [], items: new Map() };
  const groups: OpenGroup[] = [];
  const groupNames = new Set<string>();
  let current: TemplateSection | null = null;
  let seenQuestion = false;
  // Each run of questions in one group is a section: a group's questions after a nested group get a new one.
  const sectionFor = (): TemplateSection => {
    if (current) return current;
    const group = groups.at(-1);
    let key = group?.name ?? 'section';
    for (let n = 2; result.list.some((section) => section.key === key) || (!group && groupNames.has(key)); n++) key = `${group?.name ?? 'section'}_${n}`;
    current = { key, title: group?.title ?? { sv: 'Frågor', en: 'Questions' }, items: [] };
    if (group) locations.set(`sections[${result.list.length}]`, { sheet: SHEETS.survey, row: group.row });
    result.list.push(current);
    return current;
  };

  for (const row of sheet.rows) {
    if (isBlank(row)) continue;
    const type = cell(row, 'type').replace(/\s+/g, ' ');
    const name = cell(row, 'name');
    const where = (column: string) => at(SHEETS.survey, row.row, column);
    const lower = type.toLowerCase();

    if (lower === 'begin group' || lower === 'begin_group') {
      if (!checkName(name, where('name'), report)) continue;
      if (groupNames.has(name)) report('DUPLICATE_NAME', where('name'), `The group name "${name}" is used twice.`);
      groupNames.add(name);
      const conditions = readCondition(cell(row, 'relevant'), where('relevant'), report);
      const inherited = groups.at(-1)?.conditions ?? [];
      groups.push({ name, title: localizedCell(sheet, row, 'label') ?? { sv: name, en: name }, conditions: [...inherited, ...conditions], row: row.row });
      current = null;
      continue;
    }
    if (lower === 'end group' || lower === 'end_group') {
      if (!groups.pop()) report('UNMATCHED_GROUP', where('type'), '"end group" without a "begin group".');
      current = null;
      continue;
    }
    if (lower === 'note') {
      const label = localizedCell(sheet, row, 'label');
      if (!seenQuestion && groups.length === 0 && !result.description && label) result.description = label;
      else warnings.push({ code: 'NOTE_SKIPPED', field: where('type'), message: `The note "${name}" has no place in a template and was left out.` });
      continue;
    }
    if (SKIPPED_TYPES.has(lower)) {
      warnings.push({ code: 'QUESTION_SKIPPED', field: where('type'), message: `"${type}" collects no answer from the person and was left out.` });
      continue;
    }
    if (type === '') {
      report('MISSING_VALUE', where('type'), 'Every row needs a type.');
      continue;
    }

    const item = readItem(sheet, row, type, choices, report);
    if (!item) continue;
    seenQuestion = true;
    if (!checkName(name, where('name'), report)) continue;
    if (result.items.has(name)) {
      report('DUPLICATE_NAME', where('name'), `The name "${name}" is used twice.`);
      continue;
    }
    const own = readCondition(cell(row, 'relevant'), where('relevant'), report);
    const conditions = [...(groups.at(-1)?.conditions ?? []), ...own];
    const showWhen: ShowWhen | undefined = conditions.length === 0 ? undefined : conditions.length === 1 ? conditions[0] : { allOf: conditions };
    const full: TemplateItem = { ...item, key: name, ...(showWhen ? { showWhen } : {}) };
    const section = sectionFor();
    locations.set(`sections[${result.list.indexOf(section)}].items[${section.items.length}]`, { sheet: SHEETS.survey, row: row.row });
    section.items.push(full);
    result.items.set(name, { item: full, row: row.row });
  }
  for (const group of groups) report('UNMATCHED_GROUP', at(SHEETS.survey, group.row, 'type'), `The group "${group.name}" has no "end group".`);
  if (result.list.length === 0) report('NO_QUESTIONS', SHEETS.survey, 'The survey has no question a template can hold.');
  return result;
}

function checkName(name: string, field: string, report: Report): boolean {
  if (name === '') report('MISSING_VALUE', field, 'A name is needed.');
  else if (!KEY_PATTERN.test(name)) report('INVALID_NAME', field, `"${name}" must be lower-case letters, digits or _, starting with a letter (at most 64).`);
  else return true;
  return false;
}

function readCondition(source: string, field: string, report: Report): AnswerCondition[] {
  if (source === '') return [];
  try {
    const showWhen = readRelevant(source);
    return 'allOf' in showWhen ? showWhen.allOf : [showWhen];
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
    report('BAD_EXPRESSION', field, `${error.message} in "${source}".`);
    return [];
  }
}

/** The answer part of one question row; its key and condition are added by the caller. */
function readItem(sheet: ReadSheet, row: SheetRow, type: string, choices: Choices, report: Report): Omit<TemplateItem, 'key'> | null {
  const where = (column: string) => at(SHEETS.survey, row.row, column);
  const [base = '', list = '', ...rest] = type.split(' ');
  const lower = base.toLowerCase();
  if (UNSUPPORTED_TYPES.has(lower) || UNSUPPORTED_TYPES.has(type.toLowerCase()) || (lower === 'select_one' && rest.length > 0)) {
    report('UNSUPPORTED_TYPE', where('type'), `"${type}" cannot be held by a Hjulet template.`);
    return null;
  }
  let answer: Pick<TemplateItem, 'answerType' | 'options' | 'integer'>;
  if (lower === 'select_one') {
    const options = choices.lists.get(list);
    if (!options) {
      report('UNKNOWN_LIST', where('type'), `The choices sheet has no list "${list}".`);
      return null;
    }
    const fixed = FIXED_CHOICES[list as keyof typeof FIXED_CHOICES] as readonly string[] | undefined;
    const isFixed = fixed !== undefined && fixed.length === options.length && fixed.every((value, index) => options[index]?.value === value);
    answer = isFixed ? { answerType: list as TemplateItem['answerType'] } : { answerType: 'single_choice', options };
  } else if (lower === 'integer') answer = { answerType: 'number', integer: true };
  else if (lower === 'decimal') answer = { answerType: 'number' };
  else if (lower === 'text') answer = { answerType: 'free_text' };
  else {
    report('UNKNOWN_TYPE', where('type'), `"${type}" is not an XLSForm question type.`);
    return null;
  }

  const text = localizedCell(sheet, row, 'label');
  if (!text) report('MISSING_LABEL', where('label'), 'A question needs a label (label::Svenska (sv), label::English (en), or label).');
  const help = localizedCell(sheet, row, 'hint');
  const item: Omit<TemplateItem, 'key'> = { text: text ?? { sv: '', en: '' }, ...answer, ...(help ? { help } : {}) };

  const required = cell(row, 'required').toLowerCase();
  if (!TRUE_VALUES.has(required) && !FALSE_VALUES.has(required)) report('INVALID_VALUE', where('required'), 'required must be yes or no.');
  // Stored only where it differs from the domain's default, so that a round trip gives the same template.
  const isRequired = TRUE_VALUES.has(required);
  if (isRequired !== (answer.answerType !== 'free_text')) item.required = isRequired;

  readConstraint(item, cell(row, 'constraint'), where('constraint'), report);
  readRisk(item, row, where, report);
  const dimension = cell(row, HJULET_COLUMNS.qualityDimension);
  if (dimension !== '') item.qualityDimension = dimension;
  return item;
}

function readConstraint(item: Omit<TemplateItem, 'key'>, source: string, field: string, report: Report): void {
  if (source === '') return;
  const length = /^string-length\(\s*\.\s*\)\s*<=\s*(\d+)$/.exec(source);
  if (item.answerType === 'free_text' && length) {
    item.maxLength = Number(length[1]);
    return;
  }
  if (item.answerType === 'number') {
    const bounds = source.split(/\s+and\s+/).map((part) => /^\.\s*(>=|<=)\s*(-?\d+(?:\.\d+)?)$/.exec(part.trim()));
    if (bounds.every((bound) => bound !== null)) {
      for (const [, op, value] of bounds as RegExpExecArray[]) item[op === '>=' ? 'min' : 'max'] = Number(value);
      return;
    }
  }
  report('BAD_EXPRESSION', field, `Only ". >= n and . <= m" (numbers) or "string-length(.) <= n" (text) can be kept; not "${source}".`);
}

function readRisk(item: Omit<TemplateItem, 'key'>, row: SheetRow, where: (column: string) => string, report: Report): void {
  const source = cell(row, HJULET_COLUMNS.risk);
  const category = cell(row, HJULET_COLUMNS.riskCategory);
  const severity = cell(row, HJULET_COLUMNS.severity);
  const reportable = cell(row, HJULET_COLUMNS.reportable).toLowerCase();
  if (source === '') {
    if (category || severity || reportable)
      report('MISSING_VALUE', where(HJULET_COLUMNS.risk), 'A risk category or severity needs the answers that mean a risk.');
    return;
  }
  let test: ReturnType<typeof readRiskTest>;
  try {
    test = readRiskTest(source);
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
    report('BAD_EXPRESSION', where(HJULET_COLUMNS.risk), `${error.message} in "${source}".`);
    return;
  }
  if (category === '') report('MISSING_VALUE', where(HJULET_COLUMNS.riskCategory), 'A risk needs a category.');
  if (severity === '') report('MISSING_VALUE', where(HJULET_COLUMNS.severity), 'A risk needs a severity: low, medium or high.');
  if (!TRUE_VALUES.has(reportable) && !FALSE_VALUES.has(reportable)) report('INVALID_VALUE', where(HJULET_COLUMNS.reportable), 'Must be yes or no.');
  item.risk = { ...test, category, severity: severity as 'low', reportableToFireService: TRUE_VALUES.has(reportable), suggestedActions: [] };
}

function readActions(sheet: ReadSheet | undefined, sections: ReadSections, report: Report): void {
  if (!sheet) return;
  for (const row of sheet.rows) {
    if (isBlank(row)) continue;
    const where = (column: string) => at(SHEETS.actions, row.row, column);
    const itemKey = cell(row, 'item');
    const found = sections.items.get(itemKey);
    if (!found) {
      report('UNKNOWN_ITEM', where('item'), `No question is named "${itemKey}".`);
      continue;
    }
    if (!found.item.risk) {
      report('NOT_ALLOWED', where('item'), `"${itemKey}" has no risk rule (hjulet::risk), so it has no suggested actions.`);
      continue;
    }
    const text = localizedCell(sheet, row, 'label');
    if (!text) report('MISSING_LABEL', where('label'), 'A suggested action needs a label.');
    const name = cell(row, 'name');
    if (checkName(name, where('name'), report) && found.item.risk.suggestedActions.some((action) => action.key === name)) {
      report('DUPLICATE_NAME', where('name'), `The action "${name}" is listed twice for "${itemKey}".`);
      continue;
    }
    found.item.risk.suggestedActions.push({ key: name, text: text ?? { sv: '', en: '' }, actor: cell(row, 'actor') as 'other' });
  }
}
