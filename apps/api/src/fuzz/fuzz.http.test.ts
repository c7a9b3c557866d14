import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, type TestServer } from '../../test/support/test-server.js';
import { CLIENT_ERROR_CODES } from '../shared/error-codes.js';
import { fuzz, hostileCorpus, leaks, loadSchema, post, sendCorpus, type Answer, type Target } from './fuzzer.js';
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

  it('takes every client code the server declares as an answer, and no other code', () => {
    const answerWith = (code: string): Answer => {
      const body = { data: null, errors: [{ message: 'refused', extensions: { code } }] };
      return { status: 200, text: JSON.stringify(body), body, ms: 1 };
    };
    for (const code of CLIENT_ERROR_CODES) expect(leaks(answerWith(code)), code).toEqual([]);
    expect(leaks(answerWith('INTERNAL_SERVER_ERROR'))).not.toEqual([]);
    expect(leaks(answerWith('SOMETHING_ELSE'))).toEqual(['error code SOMETHING_ELSE: refused']);
  });

  // Run last: it locks the account out of login. A full `pnpm fuzz` guesses logins long enough to be
  // locked out, and once took the lockout for a defect.
  it('takes the lockout after too many logins as a client refusal', async () => {
    const login = `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`;
    let answer: Answer | undefined;
    for (let attempt = 0; attempt < 20 && !answer?.text.includes('TOO_MANY_ATTEMPTS'); attempt++)
      answer = await post(target.url, login, { e: DEMO.admin, p: `wrong-${attempt}` });
    expect(answer?.body?.errors?.[0]?.extensions?.['code']).toBe('TOO_MANY_ATTEMPTS');
    expect(leaks(answer!)).toEqual([]);
  });
});
