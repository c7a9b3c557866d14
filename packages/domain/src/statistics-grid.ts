import { DomainError } from './domain-error.js';

/** One additive relation a reader can see between published counts: `total = sum of parts`, as entry indexes. */
export interface Margin {
  total: number;
  parts: readonly number[];
}

/**
 * One dimension of a statistics grid: its nodes (say the whole year, its quarters and its months) and which
 * node is the sum of which (the year of its quarters, each quarter of its months). A dimension whose nodes
 * do not add up (people with a risk of any category are not the sum of those per category) has no sums.
 */
export interface GridDimension {
  nodes: readonly string[];
  sums: ReadonlyArray<{ total: string; parts: readonly string[] }>;
}

export interface Grid {
  /** Every entry, as one node of each dimension. */
  keys: string[][];
  indexOf(key: readonly string[]): number;
  /** Every additive relation between entries: one per sum of a dimension, for each combination of the other dimensions' nodes. */
  margins: Margin[];
}

/**
 * The fixed grid a publication is made on: every combination of the dimensions' nodes, and every margin a
 * reader can add up. Published numbers are always entries of one grid, never sums made for a request, so
 * the margins below are all the linear relations a reader can find between them.
 */
export function buildGrid(dimensions: readonly GridDimension[]): Grid {
  const keys = dimensions.reduce<string[][]>((prefixes, dimension) => prefixes.flatMap((prefix) => dimension.nodes.map((node) => [...prefix, node])), [[]]);
  const index = new Map(keys.map((key, i) => [key.join('\u0000'), i]));
  const indexOf = (key: readonly string[]): number => index.get(key.join('\u0000')) ?? -1;
  const margins: Margin[] = [];
  dimensions.forEach((dimension, d) => {
    for (const key of keys) {
      for (const sum of dimension.sums) {
        if (key[d] !== sum.total) continue;
        const at = (node: string) => indexOf(key.map((k, i) => (i === d ? node : k)));
        margins.push({ total: indexOf(key), parts: sum.parts.map(at) });
      }
    }
  });
  if (margins.some((m) => m.total < 0 || m.parts.some((p) => p < 0))) throw new DomainError('INVALID_GRID', 'A sum names a node its dimension does not have.');
  return { keys, indexOf, margins };
}

export const DEFAULT_THRESHOLD = 5;

/**
 * Which entries of a grid to suppress so that no count from 1 to `threshold − 1` is shown or can be worked
 * out from what is shown (docs/partner-api.md, "Suppression rules"):
 * 1. primary: every entry from 1 to threshold − 1; 0 is always shown.
 * 2. per margin: a margin whose total is shown hides none of its parts, or at least two whose sum is at
 *    least `threshold` and more than their number (suppressed means at least 1, so two hidden parts that
 *    sum to 2 are both 1); a hidden total has at least one hidden part.
 * 3. over the whole grid: no hidden entry is a linear combination of shown ones (`determinedEntries`),
 *    whatever margins a reader chains together.
 * Where 2 or 3 fails, the smallest shown non-zero entry of a margin of the exposed entry is suppressed too
 * (complementary suppression), and both checks run again; suppressing every non-zero entry is always safe,
 * so this ends. Returns one flag per entry. Throws `DomainError` on a negative or fractional count.
 */
export function suppressGrid(values: readonly number[], margins: readonly Margin[], options: { threshold?: number } = {}): boolean[] {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  if (!Number.isSafeInteger(threshold) || threshold < 2)
    throw new DomainError('INVALID_THRESHOLD', `threshold must be a whole number of at least 2, got ${threshold}.`);
  for (const value of values) {
    if (!Number.isSafeInteger(value) || value < 0) throw new DomainError('INVALID_COUNT', `count must be a whole number of at least 0, got ${value}.`);
  }
  const suppressed = values.map((value) => value >= 1 && value < threshold);
  const marginsOf: number[][] = values.map(() => []);
  margins.forEach((margin, m) => [margin.total, ...margin.parts].forEach((id) => marginsOf[id]?.push(m)));
  const complement = (id: number): number | null => {
    let best: number | null = null;
    for (const m of marginsOf[id] ?? []) {
      const margin = margins[m];
      for (const other of margin ? [...margin.parts, margin.total] : []) {
        const value = values[other] ?? 0;
        if (suppressed[other] === true || value === 0) continue;
        if (best === null || value < (values[best] ?? 0)) best = other;
      }
    }
    return best;
  };
  for (;;) {
    let changed = false;
    for (const margin of margins) {
      while (!isMarginSafe(margin, values, suppressed, threshold)) {
        const next = smallestShownPart(margin, values, suppressed) ?? (suppressed[margin.total] === true ? null : margin.total);
        if (next === null) break;
        suppressed[next] = true;
        changed = true;
      }
    }
    for (const id of determinedEntries(margins, suppressed)) {
      const next = complement(id) ?? smallestShownAnywhere(margins, values, suppressed);
      if (next !== null) {
        suppressed[next] = true;
        changed = true;
      }
    }
    if (!changed) return suppressed;
  }
}

/** The fallback complement: the smallest shown non-zero entry of any margin that hides something. */
function smallestShownAnywhere(margins: readonly Margin[], values: readonly number[], suppressed: readonly boolean[]): number | null {
  let best: number | null = null;
  for (const margin of margins) {
    const entries = [margin.total, ...margin.parts];
    if (!entries.some((id) => suppressed[id] === true)) continue;
    for (const id of entries) {
      if (suppressed[id] === true || (values[id] ?? 0) === 0) continue;
      if (best === null || (values[id] ?? 0) < (values[best] ?? 0)) best = id;
    }
  }
  return best;
}

function smallestShownPart(margin: Margin, values: readonly number[], suppressed: readonly boolean[]): number | null {
  let best: number | null = null;
  for (const id of margin.parts) {
    if (suppressed[id] === true || (values[id] ?? 0) === 0) continue;
    if (best === null || (values[id] ?? 0) < (values[best] ?? 0)) best = id;
  }
  return best;
}

/** Whether no hidden entry of this margin can be worked out from this margin alone. */
export function isMarginSafe(margin: Margin, values: readonly number[], suppressed: readonly boolean[], threshold: number): boolean {
  const hidden = margin.parts.filter((id) => suppressed[id] === true);
  if (suppressed[margin.total] === true) return hidden.length > 0 || (values[margin.total] ?? 0) === 0;
  if (hidden.length === 0) return true;
  const hiddenSum = hidden.reduce((total, id) => total + (values[id] ?? 0), 0);
  return hidden.length >= 2 && hiddenSum >= threshold && hiddenSum > hidden.length;
}

/** A prime below 2^26, so that a product of two residues stays an exact double. */
const PRIME = 67_108_859;

/**
 * The hidden entries a reader can compute exactly by a linear combination of the margins, given every
 * shown entry. The hidden entries are the unknowns; entry j is determined when the unit vector e_j lies in
 * the row space of the margins' coefficients, which in reduced row echelon form means column j has a pivot
 * whose row has no other non-zero. Solved per connected group of hidden entries, in arithmetic modulo a
 * large prime (exact; a rank that differs from the rational one would need the prime to divide a minor of a
 * 0/±1 matrix, and then errs towards reporting an entry as determined, which only suppresses more).
 */
export function determinedEntries(margins: readonly Margin[], suppressed: readonly boolean[]): number[] {
  const relevant = margins.filter((m) => suppressed[m.total] === true || m.parts.some((id) => suppressed[id] === true));
  const parent = new Map<number, number>();
  const find = (id: number): number => {
    let root = id;
    while ((parent.get(root) ?? root) !== root) root = parent.get(root) ?? root;
    parent.set(id, root);
    return root;
  };
  const hiddenOf = (m: Margin) => [m.total, ...m.parts].filter((id) => suppressed[id] === true);
  for (const margin of relevant) {
    const [first, ...rest] = hiddenOf(margin);
    if (first === undefined) continue;
    if (!parent.has(first)) parent.set(first, first);
    for (const id of rest) {
      if (!parent.has(id)) parent.set(id, id);
      parent.set(find(id), find(first));
    }
  }
  const groups = new Map<number, Margin[]>();
  for (const margin of relevant) {
    const first = hiddenOf(margin)[0];
    if (first === undefined) continue;
    const root = find(first);
    groups.set(root, [...(groups.get(root) ?? []), margin]);
  }
  return [...groups.values()].flatMap((group) => determinedInGroup(group, suppressed));
}

function determinedInGroup(group: readonly Margin[], suppressed: readonly boolean[]): number[] {
  // Sparse, incremental reduced row echelon form: the margins touch a handful of entries each.
  const pivots = new Map<number, Map<number, number>>();
  const rowsWith = new Map<number, Set<number>>();
  const index = (pivot: number, row: Map<number, number>, add: boolean) => {
    for (const column of row.keys()) {
      if (column === pivot) continue;
      const set = rowsWith.get(column) ?? new Set<number>();
      if (add) set.add(pivot);
      else set.delete(pivot);
      rowsWith.set(column, set);
    }
  };
  const subtract = (row: Map<number, number>, factor: number, pivotRow: Map<number, number>) => {
    for (const [column, value] of pivotRow) {
      const next = mod((row.get(column) ?? 0) - mulmod(factor, value));
      if (next === 0) row.delete(column);
      else row.set(column, next);
    }
  };
  for (const margin of group) {
    const row = new Map<number, number>();
    const add = (id: number, sign: number) => {
      if (suppressed[id] !== true) return;
      const next = mod((row.get(id) ?? 0) + sign);
      if (next === 0) row.delete(id);
      else row.set(id, next);
    };
    margin.parts.forEach((id) => add(id, 1));
    add(margin.total, -1);
    for (const column of [...row.keys()]) {
      const pivotRow = pivots.get(column);
      const factor = row.get(column);
      if (pivotRow && factor !== undefined) subtract(row, factor, pivotRow);
    }
    if (row.size === 0) continue;
    let pivot = -1;
    for (const column of row.keys()) if (pivot < 0 || (rowsWith.get(column)?.size ?? 0) < (rowsWith.get(pivot)?.size ?? 0)) pivot = column;
    const inverse = inverseOf(row.get(pivot) ?? 1);
    for (const [column, value] of row) row.set(column, mulmod(value, inverse));
    for (const other of [...(rowsWith.get(pivot) ?? [])]) {
      const otherRow = pivots.get(other);
      const factor = otherRow?.get(pivot);
      if (!otherRow || factor === undefined) continue;
      index(other, otherRow, false);
      subtract(otherRow, factor, row);
      index(other, otherRow, true);
    }
    rowsWith.delete(pivot);
    pivots.set(pivot, row);
    index(pivot, row, true);
  }
  return [...pivots].filter(([, row]) => row.size === 1).map(([pivot]) => pivot);
}

const mod = (a: number) => ((a % PRIME) + PRIME) % PRIME;
const mulmod = (a: number, b: number) => (a * b) % PRIME;

function inverseOf(a: number): number {
  let [t, newT, r, newR] = [0, 1, PRIME, mod(a)];
  while (newR !== 0) {
    const q = Math.floor(r / newR);
    [t, newT] = [newT, t - q * newT];
    [r, newR] = [newR, r - q * newR];
  }
  return mod(t);
}
