import { describe, expect, it } from 'vitest';
import {
  DEVIATION_STATISTICS_CATEGORIES,
  deviationStatisticsCategory,
  LEX_SARAH_CATEGORY,
  publishedMedian,
  publishQualityRecordStatistics,
  publishSingleCount,
  type QualityRecordCount,
} from './quality-record-statistics.js';

const YEAR = 2026;

/** Counts of one measure for leaf cells (category, unit, month), with every margin summed as the SQL does. */
function withMargins(leaves: Array<[string, string, number, number]>): QualityRecordCount[] {
  const sums = new Map<string, number>();
  const add = (category: string | null, unit: string | null, period: string, n: number) => {
    const key = JSON.stringify([category, unit, period]);
    sums.set(key, (sums.get(key) ?? 0) + n);
  };
  for (const [category, unit, month, n] of leaves) {
    const m = `${YEAR}-${String(month).padStart(2, '0')}`;
    const q = `${YEAR}-Q${Math.ceil(month / 3)}`;
    for (const period of [m, q, String(YEAR)]) for (const c of [category, null]) for (const u of [unit, null]) add(c, u, period, n);
  }
  return [...sums].map(([key, count]) => {
    const [category, unit, period] = JSON.parse(key) as [string | null, string | null, string];
    return { measure: 'received', category, unit, period, count };
  });
}

describe('the statistics category of a deviation', () => {
  it('is its kind outside lex Sarah', () => {
    expect(deviationStatisticsCategory('fall', false)).toBe('fall');
  });

  it('is lex Sarah for every lex Sarah report, so its kind is never counted', () => {
    expect(deviationStatisticsCategory('fall', true)).toBe(LEX_SARAH_CATEGORY);
    expect(deviationStatisticsCategory('missforhallande', true)).toBe(LEX_SARAH_CATEGORY);
  });

  it('lists lex Sarah as a category and never the missförhållande kind', () => {
    expect(DEVIATION_STATISTICS_CATEGORIES).toContain(LEX_SARAH_CATEGORY);
    expect(DEVIATION_STATISTICS_CATEGORIES).not.toContain('missforhallande');
  });
});

describe('a publication of quality records', () => {
  const publish = (counts: QualityRecordCount[]) =>
    publishQualityRecordStatistics({ year: YEAR, categories: ['fall', 'lex_sarah'], units: ['norr', 'soder'], measures: ['received'], counts });

  it('shows counts of at least the threshold and zeros', () => {
    const p = publish(
      withMargins([
        ['fall', 'norr', 3, 6],
        ['fall', 'soder', 3, 7],
      ]),
    );
    expect(p.get('received', 'fall', 'norr', '2026')).toEqual({ count: 6, suppressed: false });
    expect(p.get('received', 'fall', null, '2026-03')).toEqual({ count: 13, suppressed: false });
    expect(p.get('received', 'lex_sarah', null, '2026')).toEqual({ count: 0, suppressed: false });
    expect(p.get('received', null, null, '2026')).toEqual({ count: 13, suppressed: false });
  });

  it('hides a single lex Sarah report, and whatever would give it away from the totals', () => {
    const p = publish(
      withMargins([
        ['fall', 'norr', 3, 6],
        ['fall', 'soder', 3, 7],
        ['lex_sarah', 'norr', 3, 1],
      ]),
    );
    expect(p.get('received', 'lex_sarah', 'norr', '2026')).toEqual({ count: null, suppressed: true });
    expect(p.get('received', 'lex_sarah', null, '2026-03')).toEqual({ count: null, suppressed: true });
    expect(p.get('received', 'lex_sarah', null, '2026')?.suppressed).toBe(true);
    // Norr's total for the year less its falls would be the one report: one of the two is hidden too.
    const norrAll = p.get('received', null, 'norr', '2026');
    const norrFalls = p.get('received', 'fall', 'norr', '2026');
    expect(norrAll?.suppressed === true || norrFalls?.suppressed === true).toBe(true);
  });

  it('answers null for a period outside the year, and for a unit by month (not published)', () => {
    expect(publish([]).get('received', null, null, '2025-01')).toBeNull();
    expect(publish([]).get('received', 'fall', 'norr', '2026-03')).toBeNull();
  });

  it("keeps the year's totals when many months are small: the month by unit is not part of the publication", () => {
    const leaves: Array<[string, string, number, number]> = [];
    for (const month of [9, 10, 11]) leaves.push(['fall', 'norr', month, 3], ['fall', 'soder', month, 2], ['lex_sarah', 'norr', month === 11 ? 11 : 9, 0]);
    leaves.push(['lex_sarah', 'norr', 11, 1]);
    const p = publish(withMargins(leaves));
    expect(p.get('received', 'fall', 'soder', '2026')).toEqual({ count: 6, suppressed: false });
    expect(p.get('received', null, null, '2026')).toEqual({ count: 16, suppressed: false });
    expect(p.get('received', 'fall', null, '2026-10')).toEqual({ count: 5, suppressed: false });
    expect(p.get('received', 'lex_sarah', null, '2026')?.suppressed).toBe(true);
  });
});

describe('a count in no published sum', () => {
  it('is hidden from 1 to 4 and shown at 0 and from 5', () => {
    expect([0, 1, 4, 5].map((n) => publishSingleCount(n).count)).toEqual([0, null, null, 5]);
  });
});

describe('the median days to close', () => {
  it('is shown only beside a shown count of at least the threshold', () => {
    expect(publishedMedian(3.25, { count: 5, suppressed: false })).toBe(3.3);
    expect(publishedMedian(3, { count: null, suppressed: true })).toBeNull();
    expect(publishedMedian(3, { count: 0, suppressed: false })).toBeNull();
    expect(publishedMedian(null, { count: 9, suppressed: false })).toBeNull();
  });
});
