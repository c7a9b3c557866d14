import type { ScenarioResult } from './scenario.js';

export interface Summary {
  scenario: string;
  seconds: number;
  reviewsPerSecond: number;
  batchesTaken: number;
  write: Percentiles;
  refused: number;
  refusedP99: number;
  readsPerSecond: number;
  read: Percentiles;
  /** Answers that were neither a success nor a 503, by kind (`read 0`: no answer in 30 s). */
  errors: Record<string, number>;
  healthMax: number;
  healthP99: number;
  healthOver100: number;
  /** The API's event-loop delay at the probes (its health thread's heartbeat), p99 and max (ms). */
  apiLoopDelayP99: number;
  apiLoopDelayMax: number;
  /** The load generator's own event-loop delay p99 (ms): latencies above it are the API's, not the generator's. */
  generatorLagP99: number;
  peakRssMb: number;
}

export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
}

export const percentile = (values: number[], p: number): number => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
};

const percentiles = (values: number[]): Percentiles => ({ p50: percentile(values, 50), p95: percentile(values, 95), p99: percentile(values, 99) });

export function summarise(r: ScenarioResult): Summary {
  const seconds = r.wallMs / 1000;
  const errors = Object.fromEntries(Object.entries(r.answers).filter(([kind]) => !['write 200', 'write 503', 'read 200'].includes(kind)));
  return {
    scenario: r.name,
    seconds,
    reviewsPerSecond: r.accepted.length / seconds,
    batchesTaken: r.writeMs.length,
    write: percentiles(r.writeMs),
    refused: r.answers['write 503'] ?? 0,
    refusedP99: percentile(r.refusedMs, 99),
    readsPerSecond: r.readMs.length / seconds,
    read: percentiles(r.readMs),
    errors,
    healthMax: Math.max(...r.healthMs, 0),
    healthP99: percentile(r.healthMs, 99),
    healthOver100: r.healthMs.filter((ms) => ms > 100).length,
    apiLoopDelayP99: percentile(r.apiLoopDelayMs, 99),
    apiLoopDelayMax: r.apiLoopDelayMs.length ? Math.max(...r.apiLoopDelayMs) : NaN,
    generatorLagP99: r.generatorLagP99Ms,
    peakRssMb: r.peakRssKb / 1024,
  };
}

const n = (value: number, digits = 0) =>
  Number.isNaN(value) ? '–' : value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const triple = (p: Percentiles) => `${n(p.p50)} / ${n(p.p95)} / ${n(p.p99)}`;

/** The printed table: one row per scenario run, latencies in ms as the client saw them. */
export function table(rows: Summary[]): string {
  const header = [
    'scenario',
    's',
    'reviews/s',
    'batches',
    'write p50/p95/p99',
    '503s',
    '503 p99',
    'reads/s',
    'read p50/p95/p99',
    'errors',
    'healthz max (p99, >100ms)',
    'API loop delay p99 (max)',
    'generator lag p99',
    'peak RSS MB',
  ];
  const body = rows.map((s) => [
    s.scenario,
    n(s.seconds),
    n(s.reviewsPerSecond),
    n(s.batchesTaken),
    triple(s.write),
    n(s.refused),
    n(s.refusedP99),
    n(s.readsPerSecond, 1),
    triple(s.read),
    Object.keys(s.errors).length === 0
      ? '0'
      : Object.entries(s.errors)
          .map(([k, v]) => `${k}: ${v}`)
          .join(', '),
    `${n(s.healthMax)} (${n(s.healthP99)}, ${s.healthOver100})`,
    `${n(s.apiLoopDelayP99)} (${n(s.apiLoopDelayMax)})`,
    n(s.generatorLagP99),
    n(s.peakRssMb),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] as string).length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] as number)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}
