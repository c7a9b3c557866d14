import { describe, expect, it } from 'vitest';
import { runLoad, type LoadReport } from './load-run.js';
import { table } from './report.js';

/*
 * `pnpm load` at CI size: the same run, against one API process on a throwaway PostgreSQL database, with
 * fewer phones and seconds and a write lane narrow enough that saturation meets it. It asserts what must
 * hold at any size (no answer but success or 503, nothing lost or stored twice, /healthz answering), not
 * times: CI machines differ, and the full run prints those.
 */
const serverUrl = process.env['LOAD_DATABASE_URL'] ?? process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

describe('the load run at CI size', () => {
  let report: LoadReport;

  it('runs the realistic scenario and saturation, with admission control off and on', async () => {
    report = await runLoad({
      serverUrl,
      writers: 16,
      readers: 3,
      batchSize: 10,
      syncEveryMs: 2_000,
      dashboardEveryMs: 1_000,
      realisticSeconds: 4,
      saturationSeconds: 6,
      saturationDashboardEveryMs: 0,
      baseline: true,
      honourRetryAfter: true,
      apiEnv: { ADMISSION_WRITE_CONCURRENCY: '2', ADMISSION_WRITE_QUEUE: '2', ADMISSION_WRITE_MAX_WAIT_MS: '300', ADMISSION_RETRY_AFTER_SECONDS: '1' },
    });
    // The figures, for the CI log; not asserted.
    console.log(table(report.summaries));
    expect(report.summaries.map((s) => s.scenario)).toEqual(['saturation, admission off', 'realistic', 'saturation, admission on']);
  });

  it('answers every request with success or, under saturation with admission control, 503', () => {
    // A keep-alive connection the server closed just as the client reused it (ECONNRESET) is no answer, not
    // an error answer: the phone sends the same batch again, and the store check below shows it stored once.
    const resets = (kind: string) => /^(write|read) no answer \(ECONNRESET\)/.test(kind);
    for (const s of report.summaries)
      expect(
        Object.keys(s.errors).filter((kind) => !resets(kind)),
        s.scenario,
      ).toEqual([]);
    const [off, , on] = report.summaries;
    expect(off?.refused).toBe(0);
    expect(on?.refused).toBeGreaterThan(0);
    for (const s of report.summaries) {
      expect(s.batchesTaken, s.scenario).toBeGreaterThan(0);
      expect(s.read.p50, s.scenario).toBeGreaterThan(0);
    }
  });

  it('stores every acknowledged review once and nothing of a batch refused at the end', () => {
    for (const check of report.checks) {
      expect(check.accepted, check.instance).toBeGreaterThan(0);
      expect(check.stored, check.instance).toBe(check.accepted);
      expect(check.duplicated, check.instance).toBe(0);
      expect(check.storedOfRefused, check.instance).toBe(0);
    }
  });

  it('keeps /healthz answering throughout', () => {
    for (const r of report.results) {
      // Asked every 100 ms, one at a time: at least one answer a second of the run, and no failed one.
      expect(r.healthMs.length, r.name).toBeGreaterThan(r.wallMs / 1000);
      // On the health checks' own port (HEALTH_PORT), whose answer says the API's event-loop delay.
      expect(r.apiLoopDelayMs.length, r.name).toBe(r.healthMs.length);
      expect(
        Object.keys(r.answers).filter((k) => k.startsWith('healthz')),
        r.name,
      ).toEqual([]);
    }
  });
});
