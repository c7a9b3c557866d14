import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../test/support/test-server.js';
import { fuzz, hostileCorpus, loadSchema, sendCorpus, type Target } from './fuzzer.js';
import { startFuzzTarget } from './target.js';

/*
 * Issue 11 §3 at CI size: generated operations as every caller on a server in development mode (the
 * mode the README's start command runs), and the whole hostile corpus. FUZZ_SEED reproduces a run.
 */
const SEED = Number(process.env['FUZZ_SEED'] ?? 20261126);
const COUNT = Number(process.env['FUZZ_COUNT'] ?? 1000);

let server: TestServer;
let target: Target;
beforeAll(async () => {
  ({ server, target } = await startFuzzTarget({ NODE_ENV: 'development' }));
}, 120_000);
afterAll(() => server?.close());

describe('fuzzing the schema', () => {
  it('makes a deterministic corpus of 500+ hostile documents', () => {
    const schema = loadSchema();
    const corpus = hostileCorpus(schema);
    expect(corpus.length).toBeGreaterThanOrEqual(500);
    expect(hostileCorpus(schema)).toEqual(corpus);
    expect(new Set(corpus).size).toBeGreaterThan(300);
  });

  it('refuses every hostile document at validation, writing nothing', async () => {
    const { problems, times } = await sendCorpus(target, hostileCorpus(loadSchema()));
    expect(problems).toEqual([]);
    expect(times.length).toBeGreaterThanOrEqual(500);
  }, 300_000);

  it(`answers ${COUNT} generated operations without a server error, a leak or a write by a refused mutation`, async () => {
    const report = await fuzz(target, { count: COUNT, seed: SEED });
    expect(report.problems, `seed ${SEED} (FUZZ_SEED=${SEED} reproduces)`).toEqual([]);
    // The generator reaches the database: some mutations are let through and some refused.
    expect(report.refusedMutations).toBeGreaterThan(0);
    expect(report.acceptedMutations).toBeGreaterThan(0);
  }, 900_000);
});
