import type { Locale } from '@hjulet/domain';

/** An indicator row as the screens use it (the fields every query asks for). */
export interface IndicatorRowView {
  indicator: string;
  category: string | null;
  period: string;
  unitId?: string | null;
  unitName?: string | null;
  areaId?: string | null;
  areaName?: string | null;
  housingType?: string | null;
  numerator: number | null;
  denominator: number;
  value: number | null;
}

const DAY_INDICATORS = new Set(['MEDIAN_DAYS_TO_CLOSE']);

/**
 * An indicator's value as text: a share as a whole percent, the median in days with one decimal, or a dash when
 * there is nothing to divide. The chart's labels and the table use this one function, so they read the same.
 */
export function formatValue(indicator: string, value: number | null, locale: Locale): string {
  if (value === null) return '–';
  if (DAY_INDICATORS.has(indicator)) return new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(value);
}

/** `numerator av denominator` style counts, or the number of actions behind a median. */
export function countsOf(row: Pick<IndicatorRowView, 'numerator' | 'denominator'>): string {
  return row.numerator === null ? String(row.denominator) : `${row.numerator}/${row.denominator}`;
}

/** The period keys of the last `months` months up to and including `today`'s month: [from, to]. */
export function lastMonths(today: Date, months: number): { from: string; to: string } {
  const key = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
  const start = new Date(today.getFullYear(), today.getMonth() - (months - 1), 1);
  return { from: key(start), to: key(today) };
}
