/*
 * The quality wheel's closed lists and its pure rules (DOMAIN.md sections 1 and 3): goals with a target
 * indicator, cause analyses of risks, events as outcomes, the effect of actions at the next review, and
 * the comparison values imported from Kolada.
 */

import { INDICATOR_KINDS, type IndicatorKind } from './vocabulary.js';

/**
 * The indicators a goal may target: the indicator set itself (docs/indicators.md), so a goal's follow-up
 * reads its value from the one SQL definition of each.
 */
export const INDICATOR_KEYS = INDICATOR_KINDS;
export type IndicatorKey = IndicatorKind;

/** Whether a goal is met at or above its target (a share) or at or below it (days, prevalence). */
export const TARGET_DIRECTIONS = ['at_least', 'at_most'] as const;
export type TargetDirection = (typeof TARGET_DIRECTIONS)[number];

/** Växjö omsorg's six quality dimensions (seed 003): the default list when a municipality has not written its own. */
export const DEFAULT_QUALITY_DIMENSIONS: ReadonlyArray<{ key: string; sv: string; en: string }> = [
  { key: 'individanpassning', sv: 'Individanpassning', en: 'Person-centred' },
  { key: 'tillganglighet', sv: 'Tillgänglighet', en: 'Accessible' },
  { key: 'kunskapsbasering', sv: 'Kunskapsbasering', en: 'Evidence-based' },
  { key: 'sakerhet', sv: 'Säkerhet', en: 'Safe' },
  { key: 'jamlikhet', sv: 'Jämlikhet/likvärdighet', en: 'Equitable' },
  { key: 'effektivitet', sv: 'Effektivitet', en: 'Efficient' },
];

export const ACTIVITY_STATUSES = ['planned', 'in_progress', 'done', 'cancelled'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

export const IMPROVEMENT_STATUSES = ['open', 'done', 'cancelled'] as const;
export type ImprovementStatus = (typeof IMPROVEMENT_STATUSES)[number];

/**
 * The structured causes of a cause analysis (orsaksanalys), as Senior alert's preventive process asks
 * for before actions are chosen: in the home, aids and equipment, the person's health, habits, what the
 * person and those around know, and anything else (said in the free text).
 */
export const RISK_CAUSES = ['environment', 'equipment', 'health', 'behaviour', 'information', 'other'] as const;
export type RiskCause = (typeof RISK_CAUSES)[number];

/** Events recorded as outcomes against a person and a risk category. */
export const EVENT_KINDS = ['fall', 'fire', 'near_miss'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** What became of a risk between a person's review and their next one. */
export const RISK_EFFECTS = ['gone', 'still_there', 'new'] as const;
export type RiskEffect = (typeof RISK_EFFECTS)[number];

export interface RiskEffectRow {
  itemKey: string;
  effect: RiskEffect;
}

/**
 * The effect measure of the preventive loop: each risk of the earlier review is gone or still there at
 * the next one, and each risk only the next one found is new. Ordered: still there, new, gone; then by key.
 */
export function compareRisks(earlier: readonly string[], next: readonly string[]): RiskEffectRow[] {
  const before = new Set(earlier);
  const after = new Set(next);
  const rows: RiskEffectRow[] = [];
  for (const key of after) rows.push({ itemKey: key, effect: before.has(key) ? 'still_there' : 'new' });
  for (const key of before) if (!after.has(key)) rows.push({ itemKey: key, effect: 'gone' });
  const order: Record<RiskEffect, number> = { still_there: 0, new: 1, gone: 2 };
  return rows.sort((a, b) => order[a.effect] - order[b.effect] || (a.itemKey < b.itemKey ? -1 : a.itemKey > b.itemKey ? 1 : 0));
}

/** Whether a value meets a target; null when there is no value to judge. */
export function meetsTarget(value: number | null, target: number, direction: TargetDirection): boolean | null {
  if (value === null || !Number.isFinite(value)) return null;
  return direction === 'at_least' ? value >= target : value <= target;
}

/** One value of another municipality (or one's own) for comparison: Kolada's shape, gender total only. */
export interface ComparisonValue {
  municipalityCode: string;
  indicator: string;
  period: string;
  value: number;
}

export interface ImportIssue {
  /** 1-based row (CSV line, or the index in Kolada's `values[]` plus one). */
  row: number;
  field: string;
  message: string;
}

export type ImportResult = { ok: true; values: ComparisonValue[] } | { ok: false; issues: ImportIssue[] };

const MUNICIPALITY_CODE = /^[0-9]{4}$/;
const INDICATOR_ID = /^[A-Za-z0-9_]{1,64}$/;
const PERIOD = /^[0-9]{4}$/;
const MAX_ROWS = 50_000;

function checkRow(row: number, raw: { municipality: unknown; indicator: unknown; period: unknown }, issues: ImportIssue[]): boolean {
  const before = issues.length;
  if (typeof raw.municipality !== 'string' || !MUNICIPALITY_CODE.test(raw.municipality)) {
    issues.push({ row, field: 'municipality', message: 'A municipality code is four digits (SCB kommunkod).' });
  }
  if (typeof raw.indicator !== 'string' || !INDICATOR_ID.test(raw.indicator)) {
    issues.push({ row, field: 'kpi', message: 'An indicator id is 1–64 letters, digits or _.' });
  }
  if (typeof raw.period !== 'string' || !PERIOD.test(raw.period)) {
    issues.push({ row, field: 'period', message: 'A period is a year (YYYY).' });
  }
  return issues.length === before;
}

function finish(values: ComparisonValue[], rows: number[], issues: ImportIssue[]): ImportResult {
  if (issues.length === 0 && values.length === 0) issues.push({ row: 0, field: 'values', message: 'The file has no values.' });
  if (issues.length > 0) return { ok: false, issues };
  const seen = new Map<string, number>();
  values.forEach((v, i) => {
    const key = `${v.municipalityCode}|${v.indicator}|${v.period}`;
    const first = seen.get(key);
    const row = rows[i] ?? i + 1;
    if (first !== undefined) issues.push({ row, field: 'values', message: `The same municipality, indicator and period as row ${first}.` });
    else seen.set(key, row);
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, values };
}

/**
 * Reads Kolada's open API v2 data response (`{ values: [{ kpi, municipality, period, values: [{ gender,
 * value }] }] }`) and keeps the total (`gender: "T"`). A row whose total is missing or null is an issue, so
 * that nothing is half-imported; every issue names its row and field.
 */
export function parseKoladaJson(document: unknown): ImportResult {
  const issues: ImportIssue[] = [];
  const values: ComparisonValue[] = [];
  const rows: number[] = [];
  const list = typeof document === 'object' && document !== null ? (document as { values?: unknown }).values : undefined;
  if (!Array.isArray(list)) return { ok: false, issues: [{ row: 0, field: 'values', message: 'Kolada data has a list "values".' }] };
  if (list.length > MAX_ROWS) return { ok: false, issues: [{ row: 0, field: 'values', message: `At most ${MAX_ROWS} rows at a time.` }] };
  list.forEach((entry: unknown, i) => {
    const row = i + 1;
    if (typeof entry !== 'object' || entry === null) {
      issues.push({ row, field: 'values', message: 'A row is an object.' });
      return;
    }
    const e = entry as { kpi?: unknown; municipality?: unknown; period?: unknown; values?: unknown };
    const period = typeof e.period === 'number' ? String(e.period) : e.period;
    if (!checkRow(row, { municipality: e.municipality, indicator: e.kpi, period }, issues)) return;
    const total = Array.isArray(e.values) ? (e.values as Array<{ gender?: unknown; value?: unknown }>).find((v) => v?.gender === 'T') : undefined;
    if (!total || typeof total.value !== 'number' || !Number.isFinite(total.value)) {
      issues.push({ row, field: 'value', message: 'The row has no total (gender "T") value.' });
      return;
    }
    values.push({ municipalityCode: e.municipality as string, indicator: e.kpi as string, period: period as string, value: total.value });
    rows.push(row);
  });
  return finish(values, rows, issues);
}

/** Splits one CSV line on `,` or `;` (Excel in Sweden writes `;`), honouring double quotes. */
function splitCsvLine(line: string, separator: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === separator) {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells.map((c) => c.trim());
}

/**
 * Reads a CSV of comparison values: a header `municipality,indicator,period,value` (`;` also accepted, a
 * decimal comma too when `;` separates), then one value per line. Every issue names its line and field.
 */
export function parseComparisonCsv(text: string): ImportResult {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = lines[0] ?? '';
  const separator = header.includes(';') ? ';' : ',';
  const columns = splitCsvLine(header, separator).map((c) => c.toLowerCase());
  const expected = ['municipality', 'indicator', 'period', 'value'];
  if (columns.join(',') !== expected.join(',')) {
    return { ok: false, issues: [{ row: 1, field: 'header', message: `The first line is: ${expected.join(separator)}` }] };
  }
  if (lines.length > MAX_ROWS + 2) return { ok: false, issues: [{ row: 0, field: 'values', message: `At most ${MAX_ROWS} rows at a time.` }] };
  const issues: ImportIssue[] = [];
  const values: ComparisonValue[] = [];
  const rows: number[] = [];
  lines.slice(1).forEach((line, i) => {
    const row = i + 2;
    if (line.trim() === '') return;
    const cells = splitCsvLine(line, separator);
    if (cells.length !== 4) {
      issues.push({ row, field: 'line', message: 'A line has four values.' });
      return;
    }
    const [municipality, indicator, period, rawValue] = cells as [string, string, string, string];
    if (!checkRow(row, { municipality, indicator, period }, issues)) return;
    const normalised = separator === ';' ? rawValue.replace(',', '.') : rawValue;
    const value = /^-?[0-9]+(\.[0-9]+)?$/.test(normalised) ? Number(normalised) : Number.NaN;
    if (!Number.isFinite(value)) {
      issues.push({ row, field: 'value', message: 'A value is a number.' });
      return;
    }
    values.push({ municipalityCode: municipality, indicator, period, value });
    rows.push(row);
  });
  return finish(values, rows, issues);
}
