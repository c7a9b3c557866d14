import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from './domain-error.js';
import { buildGrid, determinedEntries, isMarginSafe, suppressGrid, type Grid, type GridDimension, type Margin } from './statistics-grid.js';

const sumOf = (total: string, parts: string[]): GridDimension => ({ nodes: [total, ...parts], sums: [{ total, parts }] });
const year: GridDimension = {
  nodes: ['Y', 'Q1', 'Q2', 'm1', 'm2', 'm3', 'm4'],
  sums: [
    { total: 'Y', parts: ['Q1', 'Q2'] },
    { total: 'Q1', parts: ['m1', 'm2'] },
    { total: 'Q2', parts: ['m3', 'm4'] },
  ],
};

/** Fills a grid from its leaf counts (every dimension at its finest nodes), adding up every margin. */
function fill(grid: Grid, leaf: (key: string[]) => number): number[] {
  const values = grid.keys.map((key) => leaf(key));
  // Totals from their parts, repeated until stable: a total of totals needs its parts first.
  for (let pass = 0; pass < 6; pass++) for (const m of grid.margins) values[m.total] = m.parts.reduce((s, p) => s + (values[p] ?? 0), 0);
  return values;
}

/**
 * The attacker, written independently of the code under test: dense floating-point Gauss-Jordan
 * elimination with partial pivoting over the margins (hidden entries as unknowns, shown ones moved to the
 * constant side). A hidden entry is recoverable by a linear combination of what is shown exactly when its
 * unit vector is in the row space: its column has a pivot whose row has no other non-zero.
 */
function recoverable(grid: { margins: readonly Margin[] }, suppressed: readonly boolean[]): number[] {
  const unknowns = suppressed.flatMap((s, i) => (s ? [i] : []));
  const column = new Map(unknowns.map((id, i) => [id, i]));
  const rows = grid.margins.map((m) => {
    const row = new Array<number>(unknowns.length).fill(0);
    const add = (id: number, sign: number) => {
      const c = column.get(id);
      if (c !== undefined) row[c] = (row[c] ?? 0) + sign;
    };
    m.parts.forEach((p) => add(p, 1));
    add(m.total, -1);
    return row;
  });
  const pivotRow: number[] = [];
  let r = 0;
  for (let c = 0; c < unknowns.length && r < rows.length; c++) {
    let best = r;
    for (let i = r + 1; i < rows.length; i++) if (Math.abs(rows[i]?.[c] ?? 0) > Math.abs(rows[best]?.[c] ?? 0)) best = i;
    if (Math.abs(rows[best]?.[c] ?? 0) < 1e-9) continue;
    [rows[r], rows[best]] = [rows[best] as number[], rows[r] as number[]];
    const pivot = rows[r] as number[];
    const p = pivot[c] ?? 1;
    for (let k = 0; k < pivot.length; k++) pivot[k] = (pivot[k] ?? 0) / p;
    rows.forEach((row, i) => {
      const f = row[c] ?? 0;
      if (i !== r && Math.abs(f) > 0) for (let k = 0; k < row.length; k++) row[k] = (row[k] ?? 0) - f * (pivot[k] ?? 0);
    });
    pivotRow[c] = r;
    r++;
  }
  return unknowns.filter((_, c) => {
    const row = pivotRow[c] === undefined ? undefined : rows[pivotRow[c]];
    return row !== undefined && row.every((value, k) => k === c || Math.abs(value) < 1e-9);
  });
}

describe('buildGrid', () => {
  it('has an entry for every combination of nodes and a margin for every sum along each dimension', () => {
    const grid = buildGrid([sumOf('all', ['a', 'b']), sumOf('any', ['flat', 'house'])]);
    expect(grid.keys.length).toBe(9);
    expect(grid.margins.length).toBe(6);
    expect(grid.margins).toContainEqual({ total: grid.indexOf(['all', 'any']), parts: [grid.indexOf(['a', 'any']), grid.indexOf(['b', 'any'])] });
  });
});

describe('suppressGrid', () => {
  it('shows a grid without small counts as it is', () => {
    const grid = buildGrid([sumOf('all', ['a', 'b'])]);
    expect(suppressGrid([30, 10, 20], grid.margins)).toEqual([false, false, false]);
  });

  it('hides a small area behind a second area, so the total does not give it away', () => {
    const grid = buildGrid([sumOf('all', ['a', 'b', 'c'])]);
    const suppressed = suppressGrid([32, 2, 10, 20], grid.margins);
    expect(suppressed).toEqual([false, true, true, false]);
  });

  it('never hides a zero, and hides a small total with a part of it', () => {
    const grid = buildGrid([sumOf('all', ['a', 'b', 'c'])]);
    const suppressed = suppressGrid([3, 0, 3, 0], grid.margins);
    expect(suppressed).toEqual([true, false, true, false]);
  });

  it('does not let two hidden cells that add up to 2 stand, since each is then 1', () => {
    const grid = buildGrid([sumOf('all', ['a', 'b', 'c'])]);
    const suppressed = suppressGrid([22, 1, 1, 20], grid.margins);
    expect(suppressed).toEqual([false, true, true, true]);
  });

  it('closes a leak a per-margin rule misses: a hidden cell recovered by chaining margins across dimensions', () => {
    // Each margin alone hides two cells, but the months, the quarter and the areas together pin down a1.
    const grid = buildGrid([sumOf('all', ['a', 'b']), year]);
    const values = fill(grid, ([area, period]) => (area === 'a' && period === 'm1' ? 2 : area === 'a' ? 40 : 9));
    const suppressed = suppressGrid(values, grid.margins);
    expect(recoverable(grid, suppressed)).toEqual([]);
    expect(suppressed[grid.indexOf(['a', 'm1'])]).toBe(true);
  });

  it('refuses a negative or fractional count and a threshold below 2', () => {
    expect(() => suppressGrid([-1], [])).toThrow(DomainError);
    expect(() => suppressGrid([1.5], [])).toThrow(DomainError);
    expect(() => suppressGrid([], [], { threshold: 1 })).toThrow(DomainError);
  });

  it('for random three-way grids with area, period and housing margins: nothing from 1 to 4 shown, no hidden entry recoverable', () => {
    const count = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 5, max: 60 }));
    const grids = fc.record({
      areas: fc.integer({ min: 1, max: 3 }),
      housing: fc.integer({ min: 1, max: 3 }),
      seed: fc.array(count, { minLength: 72, maxLength: 72 }),
    });
    fc.assert(
      fc.property(grids, ({ areas, housing, seed }) => {
        const areaNodes = Array.from({ length: areas }, (_, i) => `a${i}`);
        const housingNodes = Array.from({ length: housing }, (_, i) => `h${i}`);
        const grid = buildGrid([sumOf('all', areaNodes), year, sumOf('any', housingNodes)]);
        const leafIndex = new Map<string, number>();
        const values = fill(grid, (key) => {
          const id = key.join('/');
          if (!leafIndex.has(id)) leafIndex.set(id, leafIndex.size);
          return seed[(leafIndex.get(id) ?? 0) % seed.length] ?? 0;
        });
        const suppressed = suppressGrid(values, grid.margins);
        values.forEach((value, i) => {
          if (!suppressed[i]) expect(value === 0 || value >= 5).toBe(true);
          if (value === 0) expect(suppressed[i]).toBe(false);
        });
        expect(grid.margins.filter((m) => !isMarginSafe(m, values, suppressed, 5))).toEqual([]);
        expect(recoverable(grid, suppressed)).toEqual([]);
        expect(determinedEntries(grid.margins, suppressed)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  }, 120_000);

  it('agrees with the independent attacker on which hidden entries are recoverable, for any pattern', () => {
    const grid = buildGrid([sumOf('all', ['a', 'b', 'c']), sumOf('any', ['x', 'y'])]);
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: grid.keys.length, maxLength: grid.keys.length }), (pattern) => {
        expect(determinedEntries(grid.margins, pattern).sort((x, y) => x - y)).toEqual(recoverable(grid, pattern));
      }),
      { numRuns: 300 },
    );
  });
});
