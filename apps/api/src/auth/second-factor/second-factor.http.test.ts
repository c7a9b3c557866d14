import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../seed/demo-seed.js';
import { DEMO, startTestServer, type GraphQLResponse, type TestServer } from '../../../test/support/test-server.js';
import { totpCodeAt } from './totp.js';

/*
 * The second factor of local accounts through the API: TOTP enrolment and sign-in (right, wrong, replayed,
 * the ±1 step window, the login budget), the single-use sign-in step, the municipality's policy with
 * enrolment at sign-in, and the admin's reset. Passkeys with a real (virtual) authenticator are in
 * test/e2e/passkey.test.ts; here only what needs no authenticator.
 */

const SIGN_IN = `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) {
  session { accessToken user { email } } secondStep { challenge methods mustEnrol passkeyOptionsJson } } }`;
const WITH_TOTP = `mutation($c: String!, $code: String!) { completeSignInWithTotp(challenge: $c, code: $code) { accessToken } }`;
const BEGIN_TOTP = `mutation { beginTotpEnrolment { secret uri } }`;
const CONFIRM_TOTP = `mutation($code: String!) { confirmTotpEnrolment(code: $code) }`;
const MINE = `{ mySecondFactors { totpEnabled required passkeys { id } } }`;
const LOGIN = `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`;

interface SignInAnswer {
  signIn: {
    session: { accessToken: string; user: { email: string } } | null;
    secondStep: { challenge: string; methods: string[]; mustEnrol: boolean; passkeyOptionsJson: string | null } | null;
  };
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ env: { LOGIN_ACCOUNT_MAX_ATTEMPTS: '4' } });
});
afterAll(() => server?.close());

const codeOf = (res: GraphQLResponse<unknown>) => res.errors?.[0]?.extensions?.code ?? 'ok';
const fieldOf = (res: GraphQLResponse<unknown>) => (res.errors?.[0]?.extensions as { field?: string } | undefined)?.field;

async function signIn(email: string) {
  const res = await server.gql<SignInAnswer>(SIGN_IN, { e: email, p: DEMO_PASSWORD });
  expect(res.errors).toBeUndefined();
  return res.data?.signIn as SignInAnswer['signIn'];
}

async function challengeFor(email: string): Promise<string> {
  const answer = await signIn(email);
  expect(answer.session).toBeNull();
  return answer.secondStep?.challenge as string;
}

/** Turns TOTP on for the user (signed in with a token got before), confirming with a code of `at`. */
async function enrolTotp(token: string, at = Date.now()): Promise<string> {
  const begun = await server.gql<{ beginTotpEnrolment: { secret: string; uri: string } }>(BEGIN_TOTP, {}, token);
  const secret = begun.data?.beginTotpEnrolment.secret as string;
  expect(begun.data?.beginTotpEnrolment.uri).toMatch(/^otpauth:\/\/totp\/Hjulet:.*secret=/);
  const confirmed = await server.gql(CONFIRM_TOTP, { code: totpCodeAt(secret, at) }, token);
  expect(confirmed.errors).toBeUndefined();
  return secret;
}

const tableCount = async (table: string) => Number((await server.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);
const auditChanges = async (userId: string): Promise<string[]> =>
  (await server.dataSource.query(`SELECT details->>'change' AS change FROM audit_event WHERE entity_id = $1 AND action = 'update' ORDER BY id`, [userId])).map(
    (r: { change: string }) => r.change,
  );
const userIdOf = async (email: string): Promise<string> => (await server.dataSource.query(`SELECT id FROM app_user WHERE email = $1`, [email]))[0].id;

describe('TOTP', () => {
  it('signs in at once without a second factor, and asks for the code once TOTP is on', async () => {
    const token = await server.tokenFor(DEMO.staff);
    expect((await signIn(DEMO.staff)).session?.user.email).toBe(DEMO.staff);

    const secret = await enrolTotp(token);
    const mine = await server.gql<{ mySecondFactors: { totpEnabled: boolean } }>(MINE, {}, token);
    expect(mine.data?.mySecondFactors.totpEnabled).toBe(true);

    const step = (await signIn(DEMO.staff)).secondStep;
    expect(step).toMatchObject({ methods: ['TOTP'], mustEnrol: false, passkeyOptionsJson: null });
    // The old login mutation gives no session to an account with a second factor.
    expect(codeOf(await server.gql(LOGIN, { e: DEMO.staff, p: DEMO_PASSWORD }))).toBe('UNAUTHENTICATED');

    const wrong = await server.gql(WITH_TOTP, { c: step?.challenge, code: '000000' === totpCodeAt(secret, Date.now()) ? '111111' : '000000' });
    expect([codeOf(wrong), fieldOf(wrong)]).toEqual(['BAD_USER_INPUT', 'code']);

    await new Promise((resolve) => setTimeout(resolve, 30_000 - (Date.now() % 30_000) + 50)); // the next step: the enrolment's code is used
    const right = await server.gql<{ completeSignInWithTotp: { accessToken: string } }>(WITH_TOTP, {
      c: step?.challenge,
      code: totpCodeAt(secret, Date.now()),
    });
    expect(right.data?.completeSignInWithTotp.accessToken).toBeTruthy();

    // The step is used up: the same challenge gives nothing more.
    const again = await server.gql(WITH_TOTP, { c: step?.challenge, code: totpCodeAt(secret, Date.now()) });
    expect(codeOf(again)).toBe('UNAUTHENTICATED');
  }, 90_000);

  it('refuses a code used before, even at a new sign-in', async () => {
    const token = await server.tokenFor(DEMO.staff2);
    const secret = await enrolTotp(token, Date.now() - 30_000);
    const code = totpCodeAt(secret, Date.now());
    const first = await server.gql(WITH_TOTP, { c: await challengeFor(DEMO.staff2), code });
    expect(codeOf(first)).toBe('ok');

    const sessionsBefore = await tableCount('refresh_token');
    const replay = await server.gql(WITH_TOTP, { c: await challengeFor(DEMO.staff2), code });
    expect([codeOf(replay), replay.errors?.[0]?.message]).toEqual(['BAD_USER_INPUT', 'This code was used already; wait for the next one']);
    expect(replay.errors?.[0]?.extensions?.['issues']).toEqual([
      { field: 'code', code: 'replayed', message: 'This code was used already; wait for the next one' },
    ]);
    expect(await tableCount('refresh_token'), 'no session for a replayed code').toBe(sessionsBefore);
  });

  it('accepts a code of the step before (at enrolment) and of the step after (at sign-in)', async () => {
    const token = await server.tokenFor(DEMO.staffSoder);
    const secret = await enrolTotp(token, Date.now() - 30_000);
    const later = await server.gql(WITH_TOTP, { c: await challengeFor(DEMO.staffSoder), code: totpCodeAt(secret, Date.now() + 30_000) });
    expect(codeOf(later)).toBe('ok');
    // TOTP is on: a new secret needs the old one removed first.
    expect(codeOf(await server.gql(BEGIN_TOTP, {}, token))).toBe('CONFLICT');
  });

  it('counts wrong codes against the login budget, so guessing stops like password guessing', async () => {
    const token = await server.tokenFor(DEMO.staffKolmarden);
    const secret = await enrolTotp(token);
    const wrongCode = totpCodeAt(secret, Date.now() + 600_000);
    const challenge = await challengeFor(DEMO.staffKolmarden);
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) codes.push(codeOf(await server.gql(WITH_TOTP, { c: challenge, code: wrongCode })));
    // The budget is 4 attempts a window, and the sign-in's password was the first: three wrong codes are
    // checked, then nothing is.
    expect(codes).toEqual([...Array(3).fill('BAD_USER_INPUT'), 'TOO_MANY_ATTEMPTS', 'TOO_MANY_ATTEMPTS']);
    expect(codeOf(await server.gql(WITH_TOTP, { c: challenge, code: totpCodeAt(secret, Date.now()) })), 'even the right code waits').toBe('TOO_MANY_ATTEMPTS');
    expect(codeOf(await server.gql(SIGN_IN, { e: DEMO.staffKolmarden, p: DEMO_PASSWORD }))).toBe('TOO_MANY_ATTEMPTS');
  });

  it('gives no fresh budget for a right password before the code: signing in again does not buy more guesses', async () => {
    const secret = await enrolTotp(await server.tokenFor(DEMO.staffCentrum));
    const wrongCode = totpCodeAt(secret, Date.now() + 600_000);
    const guess = async (challenge: string) => codeOf(await server.gql(WITH_TOTP, { c: challenge, code: wrongCode }));
    // Four attempts a window. Every right password counts as one and settles nothing, whether through
    // signIn (which asks for the code) or the password-only login (which refuses this account).
    const first = await server.gql<SignInAnswer>(SIGN_IN, { e: DEMO.staffCentrum, p: DEMO_PASSWORD });
    const challenge = first.data?.signIn.secondStep?.challenge as string;
    const codes = [codeOf(first), await guess(challenge)];
    codes.push(codeOf(await server.gql(LOGIN, { e: DEMO.staffCentrum, p: DEMO_PASSWORD })));
    codes.push(await guess(challenge));
    codes.push(codeOf(await server.gql(SIGN_IN, { e: DEMO.staffCentrum, p: DEMO_PASSWORD })));
    expect(codes).toEqual(['ok', 'BAD_USER_INPUT', 'UNAUTHENTICATED', 'BAD_USER_INPUT', 'TOO_MANY_ATTEMPTS']);
  });

  it('confirms an enrolment only with a right code, and a wrong one changes nothing', async () => {
    const token = await server.tokenFor(DEMO.managerSoder);
    await server.gql(BEGIN_TOTP, {}, token);
    const before = await server.dataSource.query(`SELECT confirmed_at, last_used_step FROM totp_secret WHERE user_id = $1`, [
      await userIdOf(DEMO.managerSoder),
    ]);
    const wrong = await server.gql(CONFIRM_TOTP, { code: '12345' }, token);
    expect([codeOf(wrong), fieldOf(wrong)]).toEqual(['BAD_USER_INPUT', 'code']);
    expect(
      await server.dataSource.query(`SELECT confirmed_at, last_used_step FROM totp_secret WHERE user_id = $1`, [await userIdOf(DEMO.managerSoder)]),
    ).toEqual(before);
    // The secret is never shown again: it is stored sealed, not as the base32 the app got.
    const stored: Array<{ secret_box: Buffer }> = await server.dataSource.query(`SELECT secret_box FROM totp_secret WHERE user_id = $1`, [
      await userIdOf(DEMO.managerSoder),
    ]);
    expect(stored[0]?.secret_box.toString('latin1')).not.toMatch(/^[A-Z2-7]{32}$/);
  });

  it('answers a malformed passkey response with a typed error and no session', async () => {
    const res = await server.gql(`mutation($c: String!, $r: String!) { completeSignInWithPasskey(challenge: $c, response: $r) { accessToken } }`, {
      c: 'x',
      r: '{"no":1}',
    });
    expect([codeOf(res), fieldOf(res)]).toEqual(['BAD_USER_INPUT', 'response']);
  });
});

describe('the municipality policy and the admin reset', () => {
  const POLICY = `mutation($r: Boolean!) { setSecondFactorRequired(required: $r) { required } }`;

  it('makes a user without a second factor enrol at sign-in before getting a session', async () => {
    const admin = await server.tokenFor(DEMO.admin);
    expect((await server.gql<{ setSecondFactorRequired: { required: boolean } }>(POLICY, { r: true }, admin)).data?.setSecondFactorRequired.required).toBe(
      true,
    );
    try {
      const step = (await signIn(DEMO.coordinator)).secondStep;
      expect(step).toMatchObject({ methods: [], mustEnrol: true });
      // The enrolment step is not a sign-in: a code without an enrolled secret is refused.
      expect(codeOf(await server.gql(WITH_TOTP, { c: step?.challenge, code: '123456' }))).toBe('BAD_USER_INPUT');

      const begun = await server.gql<{ beginTotpEnrolmentAtSignIn: { secret: string } }>(
        `mutation($c: String!) { beginTotpEnrolmentAtSignIn(challenge: $c) { secret } }`,
        { c: step?.challenge },
      );
      const secret = begun.data?.beginTotpEnrolmentAtSignIn.secret as string;
      const done = await server.gql<{ completeSignInWithTotp: { accessToken: string } }>(WITH_TOTP, {
        c: step?.challenge,
        code: totpCodeAt(secret, Date.now()),
      });
      expect(done.data?.completeSignInWithTotp.accessToken).toBeTruthy();

      const token = done.data?.completeSignInWithTotp.accessToken as string;
      expect((await server.gql<{ mySecondFactors: { totpEnabled: boolean; required: boolean } }>(MINE, {}, token)).data?.mySecondFactors).toMatchObject({
        totpEnabled: true,
        required: true,
      });
      // Under the policy the last factor stays: the admin's reset is the way to start again.
      expect(codeOf(await server.gql(`mutation { removeTotp }`, {}, token))).toBe('CONFLICT');
    } finally {
      await server.gql(POLICY, { r: false }, admin);
    }
  });

  it("lets the admin reset a user's second factors, audited, after which the password alone signs in", async () => {
    const token = await server.tokenFor(DEMO.manager);
    await enrolTotp(token);
    expect((await signIn(DEMO.manager)).secondStep?.methods).toEqual(['TOTP']);
    const managerId = await userIdOf(DEMO.manager);

    const reset = await server.gql(`mutation($id: UUID!) { resetSecondFactors(userId: $id) }`, { id: managerId }, await server.tokenFor(DEMO.admin));
    expect(codeOf(reset)).toBe('ok');
    expect((await signIn(DEMO.manager)).session?.user.email).toBe(DEMO.manager);
    expect(await auditChanges(managerId)).toEqual(['second_factor_added', 'second_factors_reset']);
  });
});
