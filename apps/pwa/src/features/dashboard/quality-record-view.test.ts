import { describe, expect, it } from 'vitest';
import { monthlyReceived, shownCount, yearCell, type RecordRow } from './quality-record-view.js';

const row = (period: string, category: string | null, unitId: string | null, count: number | null): RecordRow => ({
  period,
  category,
  unitId,
  received: { count, suppressed: count === null },
});

describe('the compiled records on the dashboard', () => {
  it('shows a suppressed count as a dash and a shown one as a number', () => {
    expect([shownCount({ count: null, suppressed: true }, 'sv'), shownCount({ count: 1200, suppressed: false }, 'en'), shownCount(null, 'sv')]).toEqual([
      '–',
      '1,200',
      '–',
    ]);
  });

  it("takes the months' totals from the API's rows, in order, and nothing else", () => {
    const rows = [
      row('2026-02', null, null, 7),
      row('2026-01', null, null, null),
      row('2026-Q1', null, null, 9),
      row('2026-01', 'fall', null, 5),
      row('2026', null, null, 9),
    ];
    expect(monthlyReceived(rows, 2026)).toEqual([
      { month: '2026-01', received: { count: null, suppressed: true } },
      { month: '2026-02', received: { count: 7, suppressed: false } },
    ]);
  });

  it("finds the year's cell of a category and unit", () => {
    const rows = [row('2026', 'fall', 'u1', 6), row('2026-03', 'fall', 'u1', 6)];
    expect(yearCell(rows, 2026, 'fall', 'u1')).toEqual({ count: 6, suppressed: false });
    expect(yearCell(rows, 2026, 'fall', null)).toBeNull();
  });
});
