/** The p-th percentile (0–100) of timings, nearest-rank; NaN for none. Shared by the benches that print p50/p95. */
export const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

/** A duration for the benches' tables: one decimal under 100 ms, whole milliseconds above. */
export const ms = (n: number): string => `${n.toFixed(n < 100 ? 1 : 0)} ms`;
