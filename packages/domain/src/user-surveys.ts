import { DEFAULT_SUPPRESSION_THRESHOLD } from './suppression.js';

/*
 * User surveys (brukarundersökningar): the national survey of elderly care (Socialstyrelsen's "Vad tycker de
 * äldre om äldreomsorgen?") or a municipality's own, imported per unit and question as a share of positive
 * answers with a number of respondents. Pure, so the import's rules are checked once, before anything is
 * written: a file is taken whole or not at all, and every bad row is named with its row and column.
 */

export const USER_SURVEY_SOURCES = ['national', 'own'] as const;
export type UserSurveySource = (typeof USER_SURVEY_SOURCES)[number];

export const USER_SURVEY_LIMITS = {
  /** Characters of CSV in one import: the national survey's home-care rows of a large municipality fit many times over. */
  csvMax: 500_000,
  rowsMax: 5000,
  nameMax: 200,
  unitMax: 200,
  questionMax: 500,
  yearMin: 2000,
  yearMax: 2100,
} as const;

export type UserSurveyColumn = 'unit' | 'question' | 'result' | 'respondents';

export interface UserSurveyProblem {
  /** `rows[12].unit` names row 12 of the file as a spreadsheet shows it (the header is row 1); `header`, `csv`, `name`, `year` the rest. */
  field: string;
  code: 'REQUIRED' | 'TOO_LONG' | 'INVALID' | 'OUT_OF_RANGE' | 'DUPLICATE' | 'UNKNOWN_UNIT' | 'OUT_OF_SCOPE' | 'TOO_MANY_ROWS';
  message: string;
  /** The file's row, or null for a problem of the whole import. */
  row: number | null;
}

/** One checked row of a survey file. `sharePositive` is null where the file reports too few respondents to give a result. */
export interface UserSurveyRow {
  row: number;
  unit: string;
  question: string;
  sharePositive: number | null;
  respondents: number;
}

export type CheckedUserSurvey = { ok: true; rows: UserSurveyRow[] } | { ok: false; rows: UserSurveyRow[]; problems: UserSurveyProblem[] };

/*
 * The header names a municipality's export or Socialstyrelsen's tables use, Swedish and English, compared
 * without case, spaces, underscores or a "%": so "Andel positiva (%)" and "share_positive" both work.
 */
const HEADER_NAMES: Record<UserSurveyColumn, readonly string[]> = {
  unit: ['enhet', 'unit', 'hemtjänstgrupp', 'enhetsnamn', 'enhetskod', 'unit code'],
  question: ['fråga', 'question', 'frågeområde'],
  result: ['andel positiva', 'resultat', 'result', 'share positive', 'andel'],
  respondents: ['antal svar', 'antal svarande', 'svarande', 'respondents', 'number of respondents'],
};

const headerKey = (cell: string) =>
  cell
    .toLocaleLowerCase('sv')
    .replace(/\(\s*%\s*\)|%/g, '')
    .replace(/[\s_-]+/g, ' ')
    .trim();

/** A unit or question as compared: case, surrounding and repeated spaces do not make another one. */
export const surveyKey = (text: string) => text.trim().replace(/\s+/g, ' ').toLocaleLowerCase('sv');

const tidy = (text: string) => text.trim().replace(/\s+/g, ' ');

/** A share as the file writes it: `87,5`, `87.5`, `87,5 %`; blank or a dash for a result not reported. */
function readShare(text: string): number | null | 'invalid' {
  const cleaned = text.replace(/[\s\u00a0]/g, '').replace(/%$/, '');
  if (cleaned === '' || /^[-–—]$/.test(cleaned)) return null;
  if (!/^\d{1,3}([.,]\d+)?$/.test(cleaned)) return 'invalid';
  // Two decimals are what the table keeps; Socialstyrelsen reports whole per cent.
  return Math.round(Number(cleaned.replace(',', '.')) * 100) / 100;
}

/** A whole number of respondents; a thousands space (`1 234`) is taken. */
function readCount(text: string): number | 'invalid' | null {
  const cleaned = text.replace(/[\s\u00a0]/g, '');
  if (cleaned === '') return null;
  return /^\d{1,7}$/.test(cleaned) ? Number(cleaned) : 'invalid';
}

function columnsOf(header: readonly string[]): { columns: Record<UserSurveyColumn, number> } | { problem: UserSurveyProblem } {
  const keys = header.map(headerKey);
  const columns = {} as Record<UserSurveyColumn, number>;
  const missing: UserSurveyColumn[] = [];
  for (const column of Object.keys(HEADER_NAMES) as UserSurveyColumn[]) {
    const index = keys.findIndex((k) => HEADER_NAMES[column].includes(k));
    if (index < 0) missing.push(column);
    else columns[column] = index;
  }
  if (missing.length === 0) return { columns };
  return {
    problem: {
      field: 'header',
      code: 'REQUIRED',
      row: 1,
      message: `The first row names the columns enhet;fråga;andel positiva;antal svar (missing: ${missing.join(', ')})`,
    },
  };
}

function checkRow(
  record: readonly string[],
  row: number,
  at: Record<UserSurveyColumn, number>,
  threshold: number,
): { row?: UserSurveyRow; problems: UserSurveyProblem[] } {
  const problems: UserSurveyProblem[] = [];
  const cell = (column: UserSurveyColumn) => tidy(record[at[column]] ?? '');
  const problem = (column: UserSurveyColumn, code: UserSurveyProblem['code'], message: string) =>
    problems.push({ field: `rows[${row}].${column}`, code, message: `Row ${row}: ${message}`, row });
  const unit = cell('unit');
  const question = cell('question');
  if (unit === '') problem('unit', 'REQUIRED', 'the unit is missing');
  else if ([...unit].length > USER_SURVEY_LIMITS.unitMax) problem('unit', 'TOO_LONG', `the unit is longer than ${USER_SURVEY_LIMITS.unitMax} characters`);
  if (question === '') problem('question', 'REQUIRED', 'the question is missing');
  else if ([...question].length > USER_SURVEY_LIMITS.questionMax)
    problem('question', 'TOO_LONG', `the question is longer than ${USER_SURVEY_LIMITS.questionMax} characters`);
  const respondents = readCount(cell('respondents'));
  if (respondents === null) problem('respondents', 'REQUIRED', 'the number of respondents is missing');
  else if (respondents === 'invalid') problem('respondents', 'INVALID', 'the number of respondents is a whole number');
  const share = readShare(cell('result'));
  if (share === 'invalid') problem('result', 'INVALID', 'the result is a share of positive answers, a number 0–100 (87,5 or 87.5)');
  else if (share !== null && share > 100) problem('result', 'OUT_OF_RANGE', 'the result is a share of positive answers from 0 to 100');
  // The national tables leave a result out where too few answered; a result is required everywhere else.
  else if (share === null && typeof respondents === 'number' && respondents >= threshold) problem('result', 'REQUIRED', 'the result is missing');
  if (problems.length > 0 || typeof respondents !== 'number' || share === 'invalid') return { problems };
  return { row: { row, unit, question, sharePositive: share, respondents }, problems };
}

/**
 * Checks a survey file's records (cells as a CSV parser read them, the header first): the four columns by
 * name in any order, then each row's unit, question, result (a share 0–100, decimal comma or point) and
 * respondents (a whole number). A row may leave the result blank only when fewer than `threshold` answered,
 * as the national tables do. Blank rows are skipped; the same unit and question twice is a problem of the
 * later row. Answers the rows read and, when any row is bad, every problem found.
 */
export function checkUserSurveyRecords(records: readonly (readonly string[])[], threshold = DEFAULT_SUPPRESSION_THRESHOLD): CheckedUserSurvey {
  const [header, ...body] = records;
  if (!header || header.every((c) => c.trim() === ''))
    return { ok: false, rows: [], problems: [{ field: 'csv', code: 'REQUIRED', row: null, message: 'The file is empty' }] };
  const found = columnsOf(header);
  if ('problem' in found) return { ok: false, rows: [], problems: [found.problem] };
  const filled = body.map((record, i) => ({ record, row: i + 2 })).filter(({ record }) => record.some((c) => c.trim() !== ''));
  if (filled.length === 0)
    return { ok: false, rows: [], problems: [{ field: 'csv', code: 'REQUIRED', row: null, message: 'The file has no rows after the header' }] };
  if (filled.length > USER_SURVEY_LIMITS.rowsMax)
    return {
      ok: false,
      rows: [],
      problems: [{ field: 'csv', code: 'TOO_MANY_ROWS', row: null, message: `At most ${USER_SURVEY_LIMITS.rowsMax} rows at a time` }],
    };
  const rows: UserSurveyRow[] = [];
  const problems: UserSurveyProblem[] = [];
  const firstRowOf = new Map<string, number>();
  for (const { record, row } of filled) {
    const checked = checkRow(record, row, found.columns, threshold);
    problems.push(...checked.problems);
    if (!checked.row) continue;
    const key = `${surveyKey(checked.row.unit)}\u0000${surveyKey(checked.row.question)}`;
    const earlier = firstRowOf.get(key);
    if (earlier !== undefined) {
      problems.push({ field: `rows[${row}].question`, code: 'DUPLICATE', row, message: `Row ${row}: the same unit and question as row ${earlier}` });
      continue;
    }
    firstRowOf.set(key, row);
    rows.push(checked.row);
  }
  return problems.length === 0 ? { ok: true, rows } : { ok: false, rows, problems };
}

/** Checks what names the survey: its name and year. */
export function checkUserSurveyHeading(input: { name: string; year: number }): UserSurveyProblem[] {
  const problems: UserSurveyProblem[] = [];
  const name = tidy(input.name);
  if (name === '') problems.push({ field: 'input.name', code: 'REQUIRED', row: null, message: 'The survey needs a name' });
  else if ([...name].length > USER_SURVEY_LIMITS.nameMax)
    problems.push({ field: 'input.name', code: 'TOO_LONG', row: null, message: `The name is longer than ${USER_SURVEY_LIMITS.nameMax} characters` });
  if (!Number.isInteger(input.year) || input.year < USER_SURVEY_LIMITS.yearMin || input.year > USER_SURVEY_LIMITS.yearMax)
    problems.push({
      field: 'input.year',
      code: 'OUT_OF_RANGE',
      row: null,
      message: `The year is from ${USER_SURVEY_LIMITS.yearMin} to ${USER_SURVEY_LIMITS.yearMax}`,
    });
  return problems;
}

/** A unit a row may name: by its name (case and spaces aside) or by its id. */
export interface SurveyUnit {
  id: string;
  name: string;
  /** Whether the importing user reaches it; a unit outside their scope is refused, not created or skipped. */
  reachable: boolean;
}

/**
 * Puts each checked row on a unit of the municipality. A row naming no unit, or one outside the importer's
 * scope, is a problem of its `unit` column; nothing is guessed.
 */
export function placeSurveyRows(
  rows: readonly UserSurveyRow[],
  units: readonly SurveyUnit[],
): { placed: Array<UserSurveyRow & { unitId: string; unitName: string }>; problems: UserSurveyProblem[] } {
  const byKey = new Map<string, SurveyUnit>();
  for (const unit of units) {
    byKey.set(surveyKey(unit.name), unit);
    byKey.set(unit.id.toLowerCase(), unit);
  }
  const placed: Array<UserSurveyRow & { unitId: string; unitName: string }> = [];
  const problems: UserSurveyProblem[] = [];
  for (const r of rows) {
    const unit = byKey.get(surveyKey(r.unit));
    if (!unit) problems.push({ field: `rows[${r.row}].unit`, code: 'UNKNOWN_UNIT', row: r.row, message: `Row ${r.row}: no unit is called "${r.unit}"` });
    else if (!unit.reachable)
      problems.push({ field: `rows[${r.row}].unit`, code: 'OUT_OF_SCOPE', row: r.row, message: `Row ${r.row}: the unit "${unit.name}" is outside your scope` });
    else placed.push({ ...r, unitId: unit.id, unitName: unit.name });
  }
  return { placed, problems };
}

/** A survey result as shown: the share and count hidden where fewer than `threshold` answered, as the national survey does. */
export function shownSurveyResult(
  result: { sharePositive: number | null; respondents: number },
  threshold = DEFAULT_SUPPRESSION_THRESHOLD,
): { sharePositive: number | null; respondents: number | null; suppressed: boolean } {
  if (result.respondents < threshold || result.sharePositive === null) return { sharePositive: null, respondents: null, suppressed: true };
  return { sharePositive: result.sharePositive, respondents: result.respondents, suppressed: false };
}

/**
 * The change from the year before in percentage points, one decimal: null unless both years are shown, so a
 * hidden result is never compared (a difference would give away what suppression hides).
 */
export function surveyChange(
  current: { sharePositive: number | null; suppressed: boolean },
  previous: { sharePositive: number | null; suppressed: boolean } | null,
): number | null {
  if (!previous || current.suppressed || previous.suppressed || current.sharePositive === null || previous.sharePositive === null) return null;
  return Math.round((current.sharePositive - previous.sharePositive) * 10) / 10;
}
