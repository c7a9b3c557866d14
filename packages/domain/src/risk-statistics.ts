import { buildGrid, DEFAULT_THRESHOLD, suppressGrid, type GridDimension } from './statistics-grid.js';
import { HOUSING_TYPES, type HousingType } from './vocabulary.js';

/**
 * What the partner statistics count, each the supervisors' indicator it comes from (docs/indicators.md):
 * people offered a review and people who completed one (acceptance), people with a risk (risk prevalence's
 * numerator, of any category or of one), and risks of an earlier review checked at the next one and those
 * found resolved (risks resolved by the next review).
 */
export const STATISTICS_MEASURES = ['reviewsOffered', 'reviewsCompleted', 'reviewsWithRisk', 'risksFollowedUp', 'risksResolved'] as const;
export type StatisticsMeasure = (typeof STATISTICS_MEASURES)[number];

/** One count of the grid before suppression: null area, housing type or category means all of them. */
export interface StatisticsCount {
  measure: StatisticsMeasure;
  category: string | null;
  area: string | null;
  /** `2026`, `2026-Q2` or `2026-05`. */
  period: string;
  housingType: HousingType | null;
  count: number;
}

export interface PublishedCount {
  count: number | null;
  suppressed: boolean;
}

/** A publication: every count of one year's grid for one partner's areas, suppressed together. */
export interface StatisticsPublication {
  get(measure: StatisticsMeasure, category: string | null, area: string | null, period: string, housingType: HousingType | null): PublishedCount | null;
}

const ALL = '*';

/** The periods of a year's grid: the year, its quarters, its months, each the sum of the next. */
export function periodsOfYear(year: number): GridDimension {
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  const quarters = [1, 2, 3, 4].map((q) => `${year}-Q${q}`);
  return {
    nodes: [String(year), ...quarters, ...months],
    sums: [{ total: String(year), parts: quarters }, ...quarters.map((total, q) => ({ total, parts: months.slice(q * 3, q * 3 + 3) }))],
  };
}

const everything = (parts: readonly string[]): GridDimension => ({ nodes: [ALL, ...parts], sums: [{ total: ALL, parts }] });

/**
 * Suppresses one year's partner statistics as one publication (docs/partner-api.md, "Suppression rules").
 * Each measure (and, for people with a risk, each category: a person can have risks of several, so the
 * categories do not add up) is a grid of area × period × housing type, with "all your areas", the year and
 * its quarters, and "all housing types" as margins; the grid's cells not in `counts` are 0. Every answer
 * a partner gets is read off this publication (`get`), so no request can publish a sum that opens a new
 * margin. Counts are treated as additive along every margin even where they count people (a person
 * reviewed in two months is one person in the quarter): a reader who assumes so learns no more.
 */
export function publishRiskStatistics(
  input: { year: number; areas: readonly string[]; categories: readonly string[]; counts: readonly StatisticsCount[] },
  options: { threshold?: number } = {},
): StatisticsPublication {
  const grid = buildGrid([everything(input.areas), periodsOfYear(input.year), everything(HOUSING_TYPES)]);
  const cubes: Array<{ measure: StatisticsMeasure; category: string | null }> = [
    { measure: 'reviewsOffered', category: null },
    { measure: 'reviewsCompleted', category: null },
    { measure: 'reviewsWithRisk', category: null },
    ...input.categories.map((category) => ({ measure: 'reviewsWithRisk' as const, category })),
    { measure: 'risksFollowedUp', category: null },
    { measure: 'risksResolved', category: null },
  ];
  const cubeKey = (measure: StatisticsMeasure, category: string | null) => `${measure}/${category ?? ALL}`;
  const values = new Map(cubes.map((c) => [cubeKey(c.measure, c.category), grid.keys.map(() => 0)]));
  for (const count of input.counts) {
    const cube = values.get(cubeKey(count.measure, count.category));
    const at = grid.indexOf([count.area ?? ALL, count.period, count.housingType ?? ALL]);
    if (cube && at >= 0) cube[at] = count.count;
  }
  const published = new Map(
    [...values].map(([key, cube]) => {
      const suppressed = suppressGrid(cube, grid.margins, options.threshold === undefined ? {} : { threshold: options.threshold });
      return [key, cube.map((count, i) => (suppressed[i] ? { count: null, suppressed: true } : { count, suppressed: false }))];
    }),
  );
  return {
    get(measure, category, area, period, housingType) {
      const at = grid.indexOf([area ?? ALL, period, housingType ?? ALL]);
      return published.get(cubeKey(measure, category))?.[at] ?? null;
    },
  };
}

export { DEFAULT_THRESHOLD as STATISTICS_THRESHOLD };
