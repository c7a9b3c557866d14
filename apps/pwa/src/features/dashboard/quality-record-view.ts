/*
 * The compiled deviations and complaints as the dashboard lays them out: picked from the API's rows, never
 * summed here (a sum made in the browser could show what the suppression hides).
 */

export interface ShownCount {
  count: number | null;
  suppressed: boolean;
}

export interface RecordRow {
  period: string;
  category: string | null;
  unitId: string | null;
  received: ShownCount;
}

/** A count as a cell shows it: the number, or "–" where it is suppressed. */
export const shownCount = (c: ShownCount | null | undefined, locale: 'sv' | 'en'): string =>
  c && !c.suppressed && c.count !== null ? c.count.toLocaleString(locale === 'sv' ? 'sv-SE' : 'en-GB') : '–';

/** Received per month of every category and unit together: the API's "all" rows, one per month. */
export function monthlyReceived(rows: readonly RecordRow[], year: number): Array<{ month: string; received: ShownCount }> {
  return rows
    .filter((r) => r.category === null && r.unitId === null && r.period.startsWith(`${year}-`) && !r.period.includes('Q'))
    .map((r) => ({ month: r.period, received: r.received }))
    .sort((a, b) => a.month.localeCompare(b.month));
}

/** The year's cell of a category (null: all) and unit (null: all). */
export function yearCell(rows: readonly RecordRow[], year: number, category: string | null, unitId: string | null): ShownCount | null {
  return rows.find((r) => r.period === String(year) && r.category === category && r.unitId === unitId)?.received ?? null;
}
