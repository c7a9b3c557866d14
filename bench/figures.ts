/** The p-th percentile (0–1) of timings, nearest-rank; NaN for none. Shared by the benches that print p50/p95. */
export const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * p) - 1)] ?? NaN;
