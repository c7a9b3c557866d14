import { DEVIATION_KINDS, type DeviationKind } from './deviations.js';
import { FEEDBACK_KINDS } from './feedback.js';
import { periodsOfYear, type PublishedCount } from './risk-statistics.js';
import { DEFAULT_THRESHOLD, suppressGrid, type Margin } from './statistics-grid.js';

/*
 * Compiled quality records (issue 13, part 5): deviations and complaints/feedback counted by category, unit
 * and period for the supervisors' dashboard and the kvalitetsberättelse (docs/quality-records.md). A source
 * is a kind of record with a life of received → investigated → closed; self-checks are meant to become a
 * third source with their own categories.
 */

export const QUALITY_RECORD_SOURCES = ['deviation', 'feedback', 'self_check'] as const;
export type QualityRecordSource = (typeof QUALITY_RECORD_SOURCES)[number];

/**
 * What is counted of the records received in a period (a cohort: a record stays in the period it was received
 * in, whenever it is closed): all of them, those investigated, closed, closed by their deadline, and those
 * with at least one action. Not every source has every measure: a feedback case has no actions.
 */
export const QUALITY_RECORD_MEASURES = ['received', 'investigated', 'closed', 'closedInTime', 'withActions'] as const;
export type QualityRecordMeasure = (typeof QUALITY_RECORD_MEASURES)[number];

/** The category every lex Sarah report is counted in, whatever its kind. */
export const LEX_SARAH_CATEGORY = 'lex_sarah';

/** The deviation categories of the statistics: the kinds outside lex Sarah, then lex Sarah as one. */
export const DEVIATION_STATISTICS_CATEGORIES: readonly string[] = [...DEVIATION_KINDS.filter((k) => k !== 'missforhallande'), LEX_SARAH_CATEGORY];

/** The feedback categories of the statistics: the kinds of case (complaint, suggestion, praise, other). */
export const FEEDBACK_STATISTICS_CATEGORIES: readonly string[] = FEEDBACK_KINDS;

/**
 * The self-check categories: a finding's severity. Its risk category is the checklist's own (any template
 * will do), so it cannot be one fixed list; the severity is the same for every template.
 */
export const SELF_CHECK_STATISTICS_CATEGORIES: readonly string[] = ['high', 'medium', 'low'];

/**
 * What each source counts: its categories and measures. A new source is one entry here and one query in the
 * API's quality-record repository. A self-check's record is a finding: received when the check found it,
 * investigated and with actions once an action is decided, closed when every action is done.
 */
export const QUALITY_RECORD_SHAPES: Readonly<Record<QualityRecordSource, { categories: readonly string[]; measures: readonly QualityRecordMeasure[] }>> = {
  deviation: { categories: DEVIATION_STATISTICS_CATEGORIES, measures: QUALITY_RECORD_MEASURES },
  feedback: { categories: FEEDBACK_STATISTICS_CATEGORIES, measures: ['received', 'investigated', 'closed', 'closedInTime'] },
  self_check: { categories: SELF_CHECK_STATISTICS_CATEGORIES, measures: QUALITY_RECORD_MEASURES },
};

/**
 * The category a deviation is counted in. A lex Sarah report's kind is part of its content, which only the
 * designated group may read: counted by kind, a fall reported under lex Sarah would show up as one more fall
 * next to a lex Sarah count that also grew, and tell everyone what the report is about. So every lex Sarah
 * report is counted as `lex_sarah` alone, and its kind is never part of any statistic.
 */
export function deviationStatisticsCategory(kind: DeviationKind, lexSarah: boolean): string {
  return lexSarah || kind === 'missforhallande' ? LEX_SARAH_CATEGORY : kind;
}

/** One count before suppression: a null category or unit means all of them; the period is `2026`, `2026-Q2` or `2026-05`. */
export interface QualityRecordCount {
  measure: QualityRecordMeasure;
  category: string | null;
  unit: string | null;
  period: string;
  count: number;
}

export interface QualityRecordPublication {
  get(measure: QualityRecordMeasure, category: string | null, unit: string | null, period: string): PublishedCount | null;
}

const ALL = '*';

/**
 * Suppresses one source's statistics of a year for one scope as a single publication, by the partner
 * statistics' rules (docs/partner-api.md, "Suppression rules"). Each measure publishes two tables that share
 * their year column: category × unit for the year, and category × period (the year, its quarters, its months)
 * over all units, each with "all categories" and "all units" as totals. A category by unit by month is not
 * published: at a unit's size nearly every such cell is 1–4, and hiding them with whatever would reveal them
 * (over a three-way cube) took the year's totals with them. `suppressGrid` hides every count from 1 to
 * threshold − 1 and whatever would let a reader work one out along any combination of the tables' sums. Every
 * number shown is read off this publication (`get`; null for a combination not published), so no request can
 * add a sum that opens a new margin. Counts missing from `counts` are 0.
 */
export function publishQualityRecordStatistics(
  input: {
    year: number;
    categories: readonly string[];
    units: readonly string[];
    measures: readonly QualityRecordMeasure[];
    counts: readonly QualityRecordCount[];
  },
  options: { threshold?: number } = {},
): QualityRecordPublication {
  const { keys, margins } = publicationLayout(input.year, input.categories, input.units);
  const index = new Map(keys.map((key, i) => [key, i]));
  const at = (category: string | null, unit: string | null, period: string) => index.get(`${category ?? ALL}|${unit ?? ALL}|${period}`) ?? -1;
  const cubes = new Map(input.measures.map((measure) => [measure, keys.map(() => 0)]));
  for (const c of input.counts) {
    const cube = cubes.get(c.measure);
    const i = at(c.category, c.unit, c.period);
    if (cube && i >= 0) cube[i] = c.count;
  }
  const published = new Map(
    [...cubes].map(([measure, cube]) => {
      const suppressed = suppressGrid(cube, margins, options.threshold === undefined ? {} : { threshold: options.threshold });
      return [measure, cube.map((count, i): PublishedCount => (suppressed[i] ? { count: null, suppressed: true } : { count, suppressed: false }))];
    }),
  );
  return {
    get(measure, category, unit, period) {
      const i = at(category, unit, period);
      return i < 0 ? null : (published.get(measure)?.[i] ?? null);
    },
  };
}

/** The published combinations (as `category|unit|period`, `*` for all) and every sum a reader can form between them. */
function publicationLayout(year: number, categories: readonly string[], units: readonly string[]): { keys: string[]; margins: Margin[] } {
  const periods = periodsOfYear(year);
  const y = String(year);
  const key = (c: string, u: string, p: string) => `${c}|${u}|${p}`;
  const cats = [ALL, ...categories];
  const keys = [
    ...cats.flatMap((c) => [ALL, ...units].map((u) => key(c, u, y))),
    ...cats.flatMap((c) => periods.nodes.filter((p) => p !== y).map((p) => key(c, ALL, p))),
  ];
  const index = new Map(keys.map((k, i) => [k, i]));
  const id = (c: string, u: string, p: string) => index.get(key(c, u, p)) ?? -1;
  const margins: Margin[] = [
    // The year's table: each category over the units, each unit over the categories.
    ...cats.map((c) => ({ total: id(c, ALL, y), parts: units.map((u) => id(c, u, y)) })),
    ...units.map((u) => ({ total: id(ALL, u, y), parts: categories.map((c) => id(c, u, y)) })),
    // The periods' table over all units: each period over the categories, each category's year and quarters over their parts.
    ...periods.nodes.map((p) => ({ total: id(ALL, ALL, p), parts: categories.map((c) => id(c, ALL, p)) })),
    ...cats.flatMap((c) => periods.sums.map((sum) => ({ total: id(c, ALL, sum.total), parts: sum.parts.map((p) => id(c, ALL, p)) }))),
  ];
  return { keys, margins };
}

/**
 * A count that is part of no published sum (lex Sarah reports notified to IVO, say) as it may be shown:
 * hidden from 1 to threshold − 1, like every small count; 0 is shown.
 */
export function publishSingleCount(count: number, options: { threshold?: number } = {}): PublishedCount {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  return count >= 1 && count < threshold ? { count: null, suppressed: true } : { count, suppressed: false };
}

/**
 * The median days to close as it may be shown: only beside a shown count of closed records, so it never
 * describes fewer than `threshold` cases (a median of one case is that case's own number of days).
 */
export function publishedMedian(median: number | null, closed: PublishedCount | null, options: { threshold?: number } = {}): number | null {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  if (median === null || closed === null || closed.suppressed || (closed.count ?? 0) < threshold) return null;
  return Math.round(median * 10) / 10;
}
