import { DomainError } from './domain-error.js';

export interface TableCell {
  row: string;
  column: string;
  count: number;
}

/** A count as a partner may see it: null when suppressed. */
export interface SafeCount {
  count: number | null;
  suppressed: boolean;
}

export interface SuppressedTable {
  cells: (SafeCount & { row: string; column: string })[];
  rowTotals: (SafeCount & { row: string })[];
  columnTotals: (SafeCount & { column: string })[];
  grandTotal: SafeCount;
}

export const DEFAULT_SUPPRESSION_THRESHOLD = 5;

/** One additive equation the partner can read off the table: `total = sum of parts`, as entry ids. */
interface Line {
  total: number;
  parts: number[];
}

interface Table {
  values: readonly number[];
  suppressed: boolean[];
  lines: readonly Line[];
  /** For each entry, the lines it is a part of. */
  linesOf: number[][];
}

/**
 * Suppresses small counts in a two-way table of partner statistics (area × risk category, say) so that no
 * count from 1 to `threshold - 1` is shown or derivable from one row or column equation, totals included.
 * - primary: every cell and total from 1 to threshold − 1 is suppressed; 0 is always shown.
 * - secondary: the table has an equation for each row, each column, and the grand total over the row totals
 *   and over the column totals. Where such an equation's total is shown, its suppressed parts must be none,
 *   or at least two whose sum is at least `threshold` and more than their number (a partner knows a
 *   suppressed count is at least 1, so two suppressed cells summing to 2 are both 1). Where its total is
 *   suppressed, at least one part must be too. Otherwise another non-zero shown part is suppressed
 *   (see `bestCandidate`), or the total when none is left, until every equation holds.
 * Cells missing from the input are zero. Protection is per equation: combining several equations
 * (linear programming over the whole table) is not defended against. Throws `DomainError` on a negative or
 * fractional count (`INVALID_COUNT`), a repeated cell (`DUPLICATE_CELL`) or a bad threshold.
 */
export function suppressSmallCells(cells: readonly TableCell[], options: { threshold?: number } = {}): SuppressedTable {
  const threshold = options.threshold ?? DEFAULT_SUPPRESSION_THRESHOLD;
  if (!Number.isSafeInteger(threshold) || threshold < 1) {
    throw new DomainError('INVALID_THRESHOLD', `threshold must be a whole number of at least 1, got ${threshold}.`);
  }
  const rows = distinct(cells.map((cell) => cell.row));
  const columns = distinct(cells.map((cell) => cell.column));
  checkCells(cells);

  // Entries: the cells in input order, then row totals, column totals and the grand total.
  const values = cells.map((cell) => cell.count);
  const rowTotalIds = rows.map((row) => values.push(sum(cells, (cell) => cell.row === row)) - 1);
  const columnTotalIds = columns.map((column) => values.push(sum(cells, (cell) => cell.column === column)) - 1);
  const grandTotalId = values.push(cells.reduce((total, cell) => total + cell.count, 0)) - 1;

  const lines: Line[] = [
    ...rows.map((row, index) => ({ total: rowTotalIds[index] ?? -1, parts: idsWhere(cells, (cell) => cell.row === row) })),
    ...columns.map((column, index) => ({
      total: columnTotalIds[index] ?? -1,
      parts: idsWhere(cells, (cell) => cell.column === column),
    })),
    { total: grandTotalId, parts: rowTotalIds },
    { total: grandTotalId, parts: columnTotalIds },
  ];

  const suppressed = values.map((value) => value >= 1 && value < threshold);
  const table: Table = { values, suppressed, lines, linesOf: values.map(() => []) };
  lines.forEach((line, index) => line.parts.forEach((id) => table.linesOf[id]?.push(index)));
  let changed = true;
  while (changed) {
    changed = false;
    lines.forEach((line, index) => {
      if (protectLine(table, index, threshold)) changed = true;
    });
  }

  const safe = (id: number): SafeCount => ({
    count: suppressed[id] === true ? null : (values[id] ?? 0),
    suppressed: suppressed[id] === true,
  });
  return {
    cells: cells.map((cell, id) => ({ row: cell.row, column: cell.column, ...safe(id) })),
    rowTotals: rows.map((row, index) => ({ row, ...safe(rowTotalIds[index] ?? -1) })),
    columnTotals: columns.map((column, index) => ({ column, ...safe(columnTotalIds[index] ?? -1) })),
    grandTotal: safe(grandTotalId),
  };
}

/** Suppresses what one equation needs to be safe; returns whether anything changed. */
function protectLine(table: Table, lineIndex: number, threshold: number): boolean {
  const line = table.lines[lineIndex];
  if (line === undefined) return false;
  let changed = false;
  while (!isLineSafe(line, table.values, table.suppressed, threshold)) {
    const candidate = bestCandidate(table, lineIndex);
    if (candidate === null) {
      table.suppressed[line.total] = true;
      return true;
    }
    table.suppressed[candidate] = true;
    changed = true;
  }
  return changed;
}

/** Whether no suppressed entry of this equation can be worked out from it alone. */
function isLineSafe(line: { total: number; parts: readonly number[] }, values: readonly number[], suppressed: readonly boolean[], threshold: number): boolean {
  const hidden = line.parts.filter((id) => suppressed[id] === true);
  if (suppressed[line.total] === true) return hidden.length > 0 || values[line.total] === 0;
  if (hidden.length === 0) return true;
  const hiddenSum = hidden.reduce((total, id) => total + (values[id] ?? 0), 0);
  return hidden.length >= 2 && hiddenSum >= threshold && hiddenSum > hidden.length;
}

/**
 * The shown non-zero part to suppress next: preferably one whose other equation already hides something,
 * so protecting this line does not open a new one (two small cells in a row and a column then share one
 * complementary cell instead of cascading); then the smallest; then the earliest.
 */
function bestCandidate(table: Table, lineIndex: number): number | null {
  let best: { id: number; opensLine: boolean; value: number } | null = null;
  for (const id of table.lines[lineIndex]?.parts ?? []) {
    const value = table.values[id] ?? 0;
    if (table.suppressed[id] === true || value === 0) continue;
    const opensLine = (table.linesOf[id] ?? []).some((other) => other !== lineIndex && !hidesSomething(table, other));
    if (best === null || (opensLine === best.opensLine ? value < best.value : !opensLine)) best = { id, opensLine, value };
  }
  return best === null ? null : best.id;
}

function hidesSomething(table: Table, lineIndex: number): boolean {
  const line = table.lines[lineIndex];
  if (line === undefined) return false;
  return table.suppressed[line.total] === true || line.parts.some((id) => table.suppressed[id] === true);
}

function checkCells(cells: readonly TableCell[]): void {
  const seen = new Map<string, Set<string>>();
  for (const cell of cells) {
    if (!Number.isSafeInteger(cell.count) || cell.count < 0) {
      throw new DomainError('INVALID_COUNT', `count must be a whole number of at least 0, got ${cell.count}.`);
    }
    const columns = seen.get(cell.row) ?? new Set<string>();
    if (columns.has(cell.column)) {
      throw new DomainError('DUPLICATE_CELL', `The cell ${cell.row} × ${cell.column} is given twice.`);
    }
    columns.add(cell.column);
    seen.set(cell.row, columns);
  }
}

function distinct(keys: readonly string[]): string[] {
  return [...new Set(keys)];
}

function sum(cells: readonly TableCell[], include: (cell: TableCell) => boolean): number {
  return cells.reduce((total, cell) => (include(cell) ? total + cell.count : total), 0);
}

function idsWhere(cells: readonly TableCell[], include: (cell: TableCell) => boolean): number[] {
  return cells.flatMap((cell, id) => (include(cell) ? [id] : []));
}
