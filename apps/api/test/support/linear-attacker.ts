/*
 * A partner trying to work out suppressed counts from everything it was shown: each published number is a
 * sum of the finest cells (area × month × housing type), and the attacker assumes every such sum adds up
 * exactly. A suppressed number is recovered when its vector over the finest cells is a linear combination
 * of the vectors of shown numbers (floating-point elimination with partial pivoting; the sets are small).
 */

/** The finest cells a published number adds up: its leaf keys. */
export type Leaves = readonly string[];

/** What the attacker can derive from the shown numbers: `recovers(hidden)` says whether a hidden number follows. */
export function linearAttacker(shown: ReadonlyArray<Leaves>, allLeaves: Leaves): { recovers(hidden: Leaves): boolean } {
  const column = new Map(allLeaves.map((leaf, i) => [leaf, i]));
  const vector = (leaves: Leaves) => {
    const row = new Array<number>(column.size).fill(0);
    for (const leaf of leaves) {
      const c = column.get(leaf);
      if (c === undefined) throw new Error(`unknown leaf ${leaf}`);
      row[c] = 1;
    }
    return row;
  };
  // Row echelon form of the shown vectors, with each row's pivot column.
  const rows = shown.map(vector);
  const basis: Array<{ pivot: number; row: number[] }> = [];
  let r = 0;
  for (let c = 0; c < column.size && r < rows.length; c++) {
    let best = r;
    for (let i = r + 1; i < rows.length; i++) if (Math.abs(rows[i]?.[c] ?? 0) > Math.abs(rows[best]?.[c] ?? 0)) best = i;
    if (Math.abs(rows[best]?.[c] ?? 0) < 1e-9) continue;
    [rows[r], rows[best]] = [rows[best] as number[], rows[r] as number[]];
    const pivot = rows[r] as number[];
    for (let i = r + 1; i < rows.length; i++) {
      const row = rows[i] as number[];
      const f = (row[c] ?? 0) / (pivot[c] ?? 1);
      if (f !== 0) for (let k = c; k < row.length; k++) row[k] = (row[k] ?? 0) - f * (pivot[k] ?? 0);
    }
    basis.push({ pivot: c, row: pivot });
    r++;
  }
  return {
    recovers(hidden) {
      const v = vector(hidden);
      for (const { pivot, row } of basis) {
        const f = (v[pivot] ?? 0) / (row[pivot] ?? 1);
        if (f !== 0) for (let k = 0; k < v.length; k++) v[k] = (v[k] ?? 0) - f * (row[k] ?? 0);
      }
      return v.every((x) => Math.abs(x) < 1e-6);
    },
  };
}
