import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from './domain-error.js';
import { suppressSmallCells } from './suppression.js';
import type { SafeCount, SuppressedTable, TableCell } from './suppression.js';

function table(rows: Record<string, Record<string, number>>): TableCell[] {
  return Object.entries(rows).flatMap(([row, columns]) => Object.entries(columns).map(([column, count]) => ({ row, column, count })));
}

function shown(result: SuppressedTable): Record<string, number | null> {
  return Object.fromEntries(result.cells.map((cell) => [`${cell.row}/${cell.column}`, cell.count]));
}

/** Problems a partner could exploit, judged only from what the table shows, one equation at a time. */
function disclosures(result: SuppressedTable, threshold: number): string[] {
  const problems: string[] = [];
  const check = (name: string, total: SafeCount, parts: SafeCount[]): void => {
    const hidden = parts.filter((part) => part.suppressed);
    if (total.suppressed) {
      if (hidden.length === 0 && parts.length > 0) problems.push(`${name}: suppressed total equals the sum of shown parts`);
      return;
    }
    if (hidden.length === 0) return;
    const hiddenSum = (total.count ?? 0) - parts.reduce((sum, part) => sum + (part.count ?? 0), 0);
    if (hidden.length === 1) problems.push(`${name}: the only suppressed part is total minus the rest (${hiddenSum})`);
    else if (hiddenSum <= hidden.length) problems.push(`${name}: ${hidden.length} suppressed parts sum to ${hiddenSum}, so each is 1`);
    else if (hiddenSum < threshold) problems.push(`${name}: suppressed parts sum to the small count ${hiddenSum}`);
  };
  for (const rowTotal of result.rowTotals) {
    check(
      `row ${rowTotal.row}`,
      rowTotal,
      result.cells.filter((cell) => cell.row === rowTotal.row),
    );
  }
  for (const columnTotal of result.columnTotals) {
    check(
      `column ${columnTotal.column}`,
      columnTotal,
      result.cells.filter((cell) => cell.column === columnTotal.column),
    );
  }
  check('row totals', result.grandTotal, result.rowTotals);
  check('column totals', result.grandTotal, result.columnTotals);
  return problems;
}

describe('suppressSmallCells', () => {
  it('shows a table without small counts as it is, with its totals', () => {
    const result = suppressSmallCells(table({ north: { brand: 10, fall: 0 }, south: { brand: 7, fall: 12 } }));
    expect(shown(result)).toEqual({ 'north/brand': 10, 'north/fall': 0, 'south/brand': 7, 'south/fall': 12 });
    expect(result.rowTotals).toEqual([
      { row: 'north', count: 10, suppressed: false },
      { row: 'south', count: 19, suppressed: false },
    ]);
    expect(result.columnTotals).toEqual([
      { column: 'brand', count: 17, suppressed: false },
      { column: 'fall', count: 12, suppressed: false },
    ]);
    expect(result.grandTotal).toEqual({ count: 29, suppressed: false });
  });

  it('hides a count of 1 to 4 and completes a rectangle of hidden cells around it, hiding no more', () => {
    const result = suppressSmallCells(
      table({
        north: { brand: 3, el: 20, fall: 9 },
        south: { brand: 11, el: 8, fall: 30 },
        east: { brand: 15, el: 6, fall: 12 },
      }),
    );
    expect(shown(result)).toEqual({
      'north/brand': null,
      'north/el': 20,
      'north/fall': null,
      'south/brand': null,
      'south/el': 8,
      'south/fall': null,
      'east/brand': 15,
      'east/el': 6,
      'east/fall': 12,
    });
    expect(disclosures(result, 5)).toEqual([]);
  });

  it('always shows zero as 0', () => {
    const result = suppressSmallCells(table({ north: { brand: 0, el: 2, fall: 0 }, south: { brand: 0, el: 9, fall: 10 } }));
    expect(result.cells.filter((cell) => cell.column !== 'el').map((cell) => cell.count === 0 || cell.count === 10)).toEqual([true, true, true, true]);
    expect(result.cells.filter((cell) => cell.count === 0).every((cell) => !cell.suppressed)).toBe(true);
  });

  it('hides a total that is itself a small count', () => {
    const result = suppressSmallCells(table({ north: { brand: 2, el: 1 }, south: { brand: 20, el: 30 } }));
    expect(result.rowTotals[0]).toEqual({ row: 'north', count: null, suppressed: true });
    expect(disclosures(result, 5)).toEqual([]);
  });

  it('hides a total when no other cell in its line can protect a small one', () => {
    const result = suppressSmallCells(table({ only: { brand: 3, el: 0 } }), { threshold: 5 });
    expect(result.rowTotals[0]?.suppressed).toBe(true);
    expect(result.grandTotal.suppressed).toBe(true);
  });

  it('uses the threshold it is given', () => {
    const result = suppressSmallCells(table({ north: { brand: 6, el: 12 }, south: { brand: 12, el: 12 } }), { threshold: 7 });
    expect(result.cells[0]?.suppressed).toBe(true);
    expect(disclosures(result, 7)).toEqual([]);
  });

  it('returns empty lists and a shown zero total for an empty table', () => {
    expect(suppressSmallCells([])).toEqual({ cells: [], rowTotals: [], columnTotals: [], grandTotal: { count: 0, suppressed: false } });
  });

  it('refuses negative or fractional counts, a repeated cell and a bad threshold', () => {
    expect(() => suppressSmallCells([{ row: 'a', column: 'b', count: -1 }])).toThrow(DomainError);
    expect(() => suppressSmallCells([{ row: 'a', column: 'b', count: 1.5 }])).toThrow(DomainError);
    expect(() =>
      suppressSmallCells([
        { row: 'a', column: 'b', count: 7 },
        { row: 'a', column: 'b', count: 8 },
      ]),
    ).toThrow(/twice/);
    expect(() => suppressSmallCells([], { threshold: 0 })).toThrow(DomainError);
  });

  it('for any table, shows no count from 1 to 4 and lets no suppressed count be worked out from one line', () => {
    const count = fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 40 }));
    const tables = fc
      .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }))
      .chain(([rows, columns]) =>
        fc
          .array(fc.option(count, { freq: 6 }), { minLength: rows * columns, maxLength: rows * columns })
          .map((counts) =>
            counts.flatMap((value, index) => (value === null ? [] : [{ row: `r${Math.floor(index / columns)}`, column: `c${index % columns}`, count: value }])),
          ),
      );
    fc.assert(
      fc.property(tables, (cells) => {
        const result = suppressSmallCells(cells);
        const all: SafeCount[] = [...result.cells, ...result.rowTotals, ...result.columnTotals, result.grandTotal];
        for (const value of all) {
          expect(value.suppressed).toBe(value.count === null);
          if (value.count !== null) expect(value.count === 0 || value.count >= 5).toBe(true);
        }
        result.cells.forEach((cell, index) => {
          if (!cell.suppressed) expect(cell.count).toBe(cells[index]?.count);
        });
        expect(disclosures(result, 5)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});
