import { DEMO_PASSWORD } from '../../src/seed/demo-seed.js';
import { totpCodeAt } from '../../src/auth/second-factor/totp.js';
import { PLACES, type Caller, type Place, type Vars, type World } from './authorization-matrix.world.js';
import type { MatrixCase, Outcome, Target } from './authorization-matrix.cases.js';

/*
 * Second factors (issue 12 §4). The sign-in steps are public and answer an unknown step UNAUTHENTICATED;
 * a user's own factors are every role's; the reset and the policy are the admin's. No case leaves a demo
 * user with a second factor, so the matrix's own logins keep working.
 */

const ROLES = ['staff', 'unit_manager', 'quality_coordinator', 'admin'] as const;
const forAll = (outcome: Outcome, anonymous: Outcome = outcome): Partial<Record<Caller, Outcome>> => ({
  anonymous,
  ...Object.fromEntries(ROLES.map((role) => [role, outcome])),
});
const one = (label: string, vars: (w: World, caller: Caller) => Promise<Vars> | Vars, reach: Partial<Record<Caller, Outcome>>): Target[] => [
  { label, vars: async (w, caller) => vars(w, caller), reach },
];
const ADMIN_REACH: Record<Place, Outcome> = { Norr: 'ok', Söder: 'ok', Kolmården: 'ok', 'another municipality': 'NOT_FOUND' };

/** Parses as a WebAuthn response, and answers nothing anyone asked. */
const STRAY_RESPONSE = JSON.stringify({ id: 'c3RyYXk', rawId: 'c3RyYXk', type: 'public-key', response: { clientDataJSON: 'e30' }, clientExtensionResults: {} });
const NOBODYS = 'a-step-nobody-started';

export const SECOND_FACTOR_CASES: MatrixCase[] = [
  {
    operation: 'signIn',
    kind: 'mutation',
    roles: 'public',
    document: `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { session { accessToken } } }`,
    targets: one('', (w, caller) => ({ e: w.email(caller), p: DEMO_PASSWORD }), forAll('ok')),
  },
  {
    operation: 'completeSignInWithTotp',
    kind: 'mutation',
    roles: 'public',
    document: `mutation($c: String!) { completeSignInWithTotp(challenge: $c, code: "123456") { accessToken } }`,
    targets: one('an unknown step', () => ({ c: NOBODYS }), forAll('UNAUTHENTICATED')),
  },
  {
    operation: 'completeSignInWithPasskey',
    kind: 'mutation',
    roles: 'public',
    document: `mutation($c: String!, $r: String!) { completeSignInWithPasskey(challenge: $c, response: $r) { accessToken } }`,
    targets: one('an unknown step', () => ({ c: NOBODYS, r: STRAY_RESPONSE }), forAll('UNAUTHENTICATED')),
  },
  {
    operation: 'beginTotpEnrolmentAtSignIn',
    kind: 'mutation',
    roles: 'public',
    document: `mutation($c: String!) { beginTotpEnrolmentAtSignIn(challenge: $c) { uri } }`,
    targets: one('an unknown step', () => ({ c: NOBODYS }), forAll('UNAUTHENTICATED')),
  },
  {
    operation: 'beginPasskeyRegistrationAtSignIn',
    kind: 'mutation',
    roles: 'public',
    document: `mutation($c: String!) { beginPasskeyRegistrationAtSignIn(challenge: $c) }`,
    targets: one('an unknown step', () => ({ c: NOBODYS }), forAll('UNAUTHENTICATED')),
  },
  {
    operation: 'mySecondFactors',
    kind: 'query',
    roles: ROLES,
    document: `{ mySecondFactors { totpEnabled required passkeys { id } } }`,
    targets: one('', () => ({}), forAll('ok')),
  },
  {
    operation: 'beginTotpEnrolment',
    kind: 'mutation',
    roles: ROLES,
    document: `mutation { beginTotpEnrolment { uri } }`,
    targets: one('', () => ({}), forAll('ok')),
  },
  {
    operation: 'confirmTotpEnrolment',
    kind: 'mutation',
    roles: ROLES,
    document: `mutation($code: String!) { confirmTotpEnrolment(code: $code) }`,
    // A wrong code for a secret the caller just began: refused, nothing confirmed.
    targets: one(
      'a wrong code',
      async (w, caller) => {
        const token = w.token(caller);
        if (!token) return { code: '123456' };
        const begun = await w.server.gql<{ beginTotpEnrolment: { secret: string } }>(`mutation { beginTotpEnrolment { secret } }`, {}, token);
        return { code: totpCodeAt(begun.data?.beginTotpEnrolment.secret as string, Date.now() + 3_600_000) };
      },
      forAll('BAD_USER_INPUT', 'UNAUTHENTICATED'),
    ),
  },
  {
    operation: 'removeTotp',
    kind: 'mutation',
    roles: ROLES,
    document: `mutation { removeTotp }`,
    targets: one('', () => ({}), forAll('ok')),
  },
  {
    operation: 'beginPasskeyRegistration',
    kind: 'mutation',
    roles: ROLES,
    document: `mutation { beginPasskeyRegistration { registrationId optionsJson } }`,
    targets: one('', () => ({}), forAll('ok')),
  },
  {
    operation: 'finishPasskeyRegistration',
    kind: 'mutation',
    roles: ROLES,
    document: `mutation($id: String!, $r: String!) { finishPasskeyRegistration(registrationId: $id, response: $r, label: "Nyckel") { id } }`,
    targets: one('an unknown registration', () => ({ id: NOBODYS, r: STRAY_RESPONSE }), forAll('NOT_FOUND')),
  },
  {
    operation: 'removePasskey',
    kind: 'mutation',
    roles: ROLES,
    document: `mutation($id: String!) { removePasskey(id: $id) }`,
    targets: one('an unknown passkey', () => ({ id: 'c3RyYXk' }), forAll('NOT_FOUND')),
  },
  {
    operation: 'resetSecondFactors',
    kind: 'mutation',
    roles: ['admin'],
    document: `mutation($id: UUID!) { resetSecondFactors(userId: $id) }`,
    targets: PLACES.map((place) => ({ label: `in ${place}`, vars: async (w: World) => ({ id: await w.user(place) }), reach: { admin: ADMIN_REACH[place] } })),
  },
  {
    operation: 'setSecondFactorRequired',
    kind: 'mutation',
    roles: ['admin'],
    // Turning it off: on, it would stop the matrix's own logins.
    document: `mutation { setSecondFactorRequired(required: false) { required } }`,
    targets: one('', () => ({}), { admin: 'ok' }),
  },
];
