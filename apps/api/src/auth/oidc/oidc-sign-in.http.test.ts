import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../app.js';
import { loadConfig } from '../../shared/config.js';
import { DEMO_PASSWORD } from '../../seed/demo-seed.js';
import { createLogger } from '../../shared/logger.js';
import { DEMO, startTestServer, type TestServer } from '../../../test/support/test-server.js';
import { auditRowsOf } from '../../../test/support/audit-rows.js';
import {
  CLIENT_ID,
  CLIENT_SECRET,
  CookieJar,
  freePort,
  startFakeProvider,
  startRealProvider,
  throughProvider,
  type FakeProvider,
  type RealProvider,
} from '../../../test/support/oidc-providers.js';

/*
 * Sign-in through an OpenID provider, end to end over HTTP: a real provider (oidc-provider, in-process, its
 * own keys) for the whole flow, and a fake one that answers with crafted ID tokens for each token a real
 * provider never issues. Each refusal must redirect with its reason, create no session, and be audited.
 */

const SESSION = `accessToken refreshToken user { email role }`;
const COMPLETE = `mutation($c: String!) { completeSignIn(code: $c) { ${SESSION} } }`;

let server: TestServer;
let provider: RealProvider;
let fake: FakeProvider;
let fakeApp: RunningApp;

const oidcEnv = (port: number, issuer: string) => ({
  PORT: String(port),
  OIDC_ISSUER: issuer,
  OIDC_CLIENT_ID: CLIENT_ID,
  OIDC_CLIENT_SECRET: CLIENT_SECRET,
  OIDC_REDIRECT_URI: `http://127.0.0.1:${port}/auth/oidc/callback`,
  OIDC_POST_LOGOUT_REDIRECT_URI: `http://127.0.0.1:${port}/`,
  OIDC_ALLOW_HTTP: 'yes',
  OIDC_PROVIDER_NAME: 'Testkommunens inloggning',
});

beforeAll(async () => {
  const port = await freePort();
  provider = await startRealProvider(`http://127.0.0.1:${port}/auth/oidc/callback`, `http://127.0.0.1:${port}/`);
  server = await startTestServer({ env: oidcEnv(port, provider.issuer) });
  // A second API on the same database whose provider answers with the ID token each test crafts.
  fake = await startFakeProvider(DEMO.staff);
  const fakePort = await freePort();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...oidcEnv(fakePort, fake.issuer) });
  fakeApp = await startApp({ config, dataSource: server.dataSource, log: createLogger('silent') });
});

afterAll(async () => {
  await fakeApp?.close();
  await server?.close();
  await provider?.close();
  await fake?.close();
});

async function counts(): Promise<{ sessions: number; handoffs: number; signIns: number }> {
  const rows: Array<{ sessions: string; handoffs: string; sign_ins: string }> = await server.dataSource.query(
    `SELECT (SELECT count(*) FROM refresh_token) AS sessions, (SELECT count(*) FROM sign_in_handoff) AS handoffs, (SELECT count(*) FROM session_sign_in) AS sign_ins`,
  );
  const row = rows[0];
  return { sessions: Number(row?.sessions), handoffs: Number(row?.handoffs), signIns: Number(row?.sign_ins) };
}

/** The API's start: where it sends the browser, with the binding cookie now in the jar. */
async function start(jar: CookieJar, api = server.url): Promise<URL> {
  const response = await jar.fetch(`${api}/auth/oidc/start`);
  expect(response.status).toBe(302);
  return new URL(response.headers.get('location') ?? '');
}

/** The callback's outcome: the fragment it sends the PWA to, and the audit rows of that request. */
async function callback(jar: CookieJar, url: string) {
  const response = await jar.fetch(url);
  expect(response.status).toBe(302);
  const location = new URL(response.headers.get('location') ?? '');
  const fragment = new URLSearchParams(location.hash.slice(1));
  const audit = await auditRowsOf(server, response.headers.get('x-request-id') ?? '');
  return { location, code: fragment.get('oidc_code'), error: fragment.get('oidc_error'), audit };
}

async function signInThroughProvider(login: string) {
  const jar = new CookieJar();
  const authorization = await start(jar);
  const callbackUrl = await throughProvider(jar, authorization.href, login);
  return { jar, callbackUrl, outcome: await callback(jar, callbackUrl) };
}

describe('sign-in through a real OpenID provider', () => {
  it('asks with PKCE, state and nonce, and ends with a session the PWA gets by a one-time code', async () => {
    const jar = new CookieJar();
    const authorization = await start(jar);
    expect(authorization.origin).toBe(provider.issuer);
    expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
    for (const p of ['code_challenge', 'state', 'nonce']) expect(authorization.searchParams.get(p)?.length).toBeGreaterThanOrEqual(43);

    const before = await counts();
    const callbackUrl = await throughProvider(jar, authorization.href, DEMO.manager);
    const { location, code, error } = await callback(jar, callbackUrl);
    expect(error).toBeNull();
    expect(location.origin + location.pathname).toBe(`${server.url}/`);
    expect(location.search).toBe('');
    expect(code?.length).toBeGreaterThanOrEqual(43);

    const res = await server.gql<{ completeSignIn: { accessToken: string; refreshToken: string; user: { email: string; role: string } } }>(COMPLETE, {
      c: code,
    });
    expect(res.data?.completeSignIn.user).toEqual({ email: DEMO.manager, role: 'UNIT_MANAGER' });
    const me = await server.gql<{ me: { email: string } }>(`{ me { email } }`, {}, res.data?.completeSignIn.accessToken);
    expect(me.data?.me.email).toBe(DEMO.manager);
    expect(await counts()).toMatchObject({ sessions: before.sessions + 1, signIns: before.signIns + 1 });

    // The method is on the session and the user, and in the login's audit row.
    const [user]: Array<{ id: string; last_sign_in_method: string; recent: boolean }> = await server.dataSource.query(
      `SELECT id, last_sign_in_method, last_sign_in_at > now() - interval '1 minute' AS recent FROM app_user WHERE email = $1`,
      [DEMO.manager],
    );
    expect(user).toMatchObject({ last_sign_in_method: 'oidc', recent: true });
    const [login]: Array<{ details: { method: string } }> = await server.dataSource.query(
      `SELECT details FROM audit_event WHERE action = 'login' AND actor_id = $1 ORDER BY id DESC LIMIT 1`,
      [user?.id],
    );
    expect(login?.details.method).toBe('oidc');

    // The code works once.
    const again = await server.gql(COMPLETE, { c: code });
    expect(again.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('says which provider the login screen offers', async () => {
    const res = await server.gql<{ signInOptions: { providerName: string; providerStartPath: string } }>(
      `{ signInOptions { providerName providerStartPath } }`,
    );
    expect(res.data?.signInOptions).toEqual({ providerName: 'Testkommunens inloggning', providerStartPath: '/auth/oidc/start' });
  });

  it('refuses a callback used twice (the same code and state): no second session, audited', async () => {
    const { jar, callbackUrl, outcome } = await signInThroughProvider(DEMO.staff);
    expect(outcome.audit).toEqual([]);
    expect(outcome.code).not.toBeNull();
    const before = await counts();
    const replay = await callback(jar, callbackUrl);
    expect(replay.error).toBe('state_unknown');
    expect(replay.code).toBeNull();
    expect(await counts()).toEqual(before);
    expect(replay.audit).toEqual([expect.objectContaining({ action: 'login_failed', details: { method: 'oidc', reason: 'state_unknown' } })]);
  });

  it('refuses a state that was never issued, and a callback in another browser than the one that started', async () => {
    const jar = new CookieJar();
    const authorization = await start(jar);
    const callbackUrl = new URL(await throughProvider(jar, authorization.href, DEMO.staff));
    const before = await counts();

    const forged = new URL(callbackUrl);
    forged.searchParams.set('state', 'a-state-this-api-never-issued-0123456789abcdef');
    expect((await callback(jar, forged.href)).error).toBe('state_unknown');

    // The victim's browser, sent the attacker's callback URL (login CSRF), lacks the binding cookie.
    const other = await callback(new CookieJar(), callbackUrl.href);
    expect(other.error).toBe('browser_mismatch');
    expect(other.audit[0]).toMatchObject({ action: 'login_failed', details: { method: 'oidc', reason: 'browser_mismatch' } });
    expect(await counts()).toEqual(before);
  });

  it('refuses a person with no account here, naming the claim in the audit', async () => {
    const { outcome } = await signInThroughProvider('nobody@kommun.example');
    expect(outcome.error).toBe('no_account');
    expect(outcome.audit[0]).toMatchObject({
      action: 'login_failed',
      details: { method: 'oidc', reason: 'no_account', claim: 'email', value: 'nobody@kommun.example' },
    });
  });

  it('still signs in after the provider restarts with a new key set', async () => {
    const first = await signInThroughProvider(DEMO.staff);
    expect(first.outcome.code).not.toBeNull();
    const oldKid = provider.kid;
    await provider.rotateKeys();
    expect(provider.kid).not.toBe(oldKid);
    const second = await signInThroughProvider(DEMO.staff);
    expect(second.outcome.error).toBeNull();
    const res = await server.gql<{ completeSignIn: { user: { email: string } } }>(COMPLETE, { c: second.outcome.code });
    expect(res.data?.completeSignIn.user.email).toBe(DEMO.staff);
  });

  it('ends the provider session too at logout (RP-initiated logout)', async () => {
    const { outcome } = await signInThroughProvider(DEMO.staff);
    const res = await server.gql<{ completeSignIn: { refreshToken: string; accessToken: string } }>(COMPLETE, { c: outcome.code });
    const session = res.data?.completeSignIn;
    const end = await server.gql<{ endSession: { providerLogoutUrl: string } }>(
      `mutation($t: String!) { endSession(refreshToken: $t) { providerLogoutUrl } }`,
      {
        t: session?.refreshToken,
      },
    );
    const url = new URL(end.data?.endSession.providerLogoutUrl ?? '');
    expect(url.origin).toBe(provider.issuer);
    expect(url.searchParams.get('id_token_hint')?.split('.')).toHaveLength(3);
    expect(url.searchParams.get('post_logout_redirect_uri')).toBe(`${server.url}/`);
    // The provider knows the URL: its logout page answers (a confirmation form), not an error.
    const page = await fetch(url, { redirect: 'manual' });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('logout');
    // And the API's session is over.
    const me = await server.gql(`{ me { email } }`, {}, session?.accessToken);
    expect(me.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    // A password session has no provider session to end.
    const login = await server.gql<{ login: { refreshToken: string } }>(
      `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { refreshToken } }`,
      {
        e: DEMO.staff,
        p: DEMO_PASSWORD,
      },
    );
    const local = await server.gql<{ endSession: { providerLogoutUrl: string | null } }>(
      `mutation($t: String!) { endSession(refreshToken: $t) { providerLogoutUrl } }`,
      {
        t: login.data?.login.refreshToken,
      },
    );
    expect(local.data?.endSession.providerLogoutUrl).toBeNull();
  });
});

describe('ID tokens a provider should never send', () => {
  const now = () => Math.floor(Date.now() / 1000);

  /** Starts at the fake-backed API, gives the fake the crafted ID token, and calls back. */
  async function signInWith(craft: (nonce: string) => Promise<string>) {
    const jar = new CookieJar();
    const authorization = await start(jar, fakeApp.url);
    const nonce = authorization.searchParams.get('nonce') ?? '';
    const state = authorization.searchParams.get('state') ?? '';
    fake.nextIdToken = await craft(nonce);
    const before = await counts();
    const outcome = await callback(jar, `${fakeApp.url}/auth/oidc/callback?code=any-code&state=${encodeURIComponent(state)}`);
    return { outcome, nonce, before };
  }

  it('accepts the control: a correct token from the same fake provider', async () => {
    const { outcome } = await signInWith((nonce) => fake.sign(nonce));
    expect(outcome.error).toBeNull();
    expect(outcome.code).not.toBeNull();
  });

  const cases: Array<[string, (nonce: string) => Promise<string>]> = [
    ['a wrong issuer', (nonce) => fake.sign(nonce, { iss: 'https://idp.evil.example' })],
    ['an expired token', (nonce) => fake.sign(nonce, { iat: now() - 7200, exp: now() - 3600 })],
    ['a future-dated token', (nonce) => fake.sign(nonce, { iat: now() + 3600, nbf: now() + 3600, exp: now() + 7200 })],
    ['a wrong audience', (nonce) => fake.sign(nonce, { aud: 'some-other-client' })],
    ['a bad signature', (nonce) => fake.sign(nonce, {}, { key: 'other' })],
    ['alg: none', (nonce) => fake.sign(nonce, {}, { alg: 'none' })],
  ];
  it.each(cases)('refuses %s: no session, audited', async (_name, craft) => {
    const { outcome, before } = await signInWith(craft);
    expect(outcome.error).toBe('token_rejected');
    expect(outcome.code).toBeNull();
    expect(await counts()).toEqual(before);
    expect(outcome.audit).toEqual([
      expect.objectContaining({ action: 'login_failed', entity_id: null, details: expect.objectContaining({ method: 'oidc', reason: 'token_rejected' }) }),
    ]);
  });

  it('refuses a replayed nonce: an ID token of an earlier sign-in', async () => {
    const earlier = await signInWith((nonce) => fake.sign(nonce));
    expect(earlier.outcome.code).not.toBeNull();
    const { outcome, before } = await signInWith(() => fake.sign(earlier.nonce));
    expect(outcome.error).toBe('token_rejected');
    expect(await counts()).toEqual(before);
    expect(outcome.audit[0]?.details).toMatchObject({ reason: 'token_rejected' });
  });
});

describe("roles from the provider's groups claim (the admin's mapping table)", () => {
  const MAP = `mutation($i: RoleMappingInput!) { createRoleMapping(input: $i) { id } }`;
  const SETTINGS = `mutation($i: IdentitySettingsInput!) { updateIdentitySettings(input: $i) { autoCreate } }`;
  let admin: string;

  beforeAll(async () => {
    admin = await server.tokenFor(DEMO.admin);
    const [norr, soder] = server.seed.unitIds;
    for (const i of [
      { claimValue: 'hjulet-personal-norr', role: 'STAFF', unitId: norr },
      { claimValue: 'hjulet-personal-soder', role: 'STAFF', unitId: soder },
      { claimValue: 'hjulet-chefer-norr', role: 'UNIT_MANAGER', unitId: norr },
    ]) {
      expect((await server.gql(MAP, { i }, admin)).errors).toBeUndefined();
    }
    await server.gql(SETTINGS, { i: { roleClaim: 'groups', autoCreate: true } }, admin);
  });

  const accountOf = async (email: string) => {
    const rows: Array<{ id: string; role: string | null; unit_id: string | null; role_source: string | null; last_sign_in_method: string | null }> =
      await server.dataSource.query(`SELECT id, role, unit_id, role_source, last_sign_in_method FROM app_user WHERE email = $1`, [email]);
    return rows[0];
  };
  const roleChanges = async (userId: string | undefined) =>
    (await server.dataSource.query(`SELECT actor_id, details FROM audit_event WHERE entity_id = $1 AND details->>'change' = 'role' ORDER BY id`, [
      userId,
    ])) as Array<{ actor_id: string | null; details: Record<string, unknown> }>;

  it('creates a new person at the first sign-in with the role and unit their group maps to, audited', async () => {
    provider.groups.set('ny.personal@kommun.example', ['alla-anstallda', 'hjulet-personal-soder']);
    const { outcome } = await signInThroughProvider('ny.personal@kommun.example');
    expect(outcome.error).toBeNull();
    const res = await server.gql<{ completeSignIn: { user: { email: string; role: string } } }>(COMPLETE, { c: outcome.code });
    expect(res.data?.completeSignIn.user).toEqual({ email: 'ny.personal@kommun.example', role: 'STAFF' });
    const account = await accountOf('ny.personal@kommun.example');
    expect(account).toMatchObject({ role: 'staff', unit_id: server.seed.unitIds[1], role_source: 'mapping' });
    expect(await roleChanges(account?.id)).toEqual([
      {
        actor_id: null,
        details: {
          change: 'role',
          by: 'mapping',
          from: null,
          to: { role: 'staff', unitId: server.seed.unitIds[1], administrationId: null },
          mapping: { claimValue: 'hjulet-personal-soder', matched: ['hjulet-personal-soder'] },
        },
      },
    ]);
  });

  it('gives the most far-reaching role when several groups match', async () => {
    provider.groups.set('chef.ny@kommun.example', ['hjulet-personal-norr', 'hjulet-chefer-norr']);
    const { outcome } = await signInThroughProvider('chef.ny@kommun.example');
    const res = await server.gql<{ completeSignIn: { user: { role: string } } }>(COMPLETE, { c: outcome.code });
    expect(res.data?.completeSignIn.user.role).toBe('UNIT_MANAGER');
    const [change] = await roleChanges((await accountOf('chef.ny@kommun.example'))?.id);
    expect(change?.details['mapping']).toEqual({ claimValue: 'hjulet-chefer-norr', matched: ['hjulet-chefer-norr', 'hjulet-personal-norr'] });
  });

  it('lets a person no group maps wait for a role: created, no session, until the admin assigns one', async () => {
    provider.groups.set('vantar@kommun.example', ['alla-anstallda']);
    const before = await counts();
    const { outcome } = await signInThroughProvider('vantar@kommun.example');
    expect(outcome.error).toBe('awaiting_role');
    expect(outcome.code).toBeNull();
    expect(await counts()).toEqual(before);
    const account = await accountOf('vantar@kommun.example');
    expect(account).toMatchObject({ role: null, unit_id: null, role_source: null, last_sign_in_method: 'oidc' });
    expect(outcome.audit.map((a) => [a.action, a.details?.['reason'] ?? a.details?.['by']])).toEqual([
      ['create', 'sign_in'],
      ['login_failed', 'awaiting_role'],
    ]);

    const listed = await server.gql<{ userAccounts: Array<{ email: string; awaitingRole: boolean; role: string | null }> }>(
      `{ userAccounts { email awaitingRole role } }`,
      {},
      admin,
    );
    expect(listed.data?.userAccounts[0]).toEqual({ email: 'vantar@kommun.example', awaitingRole: true, role: null });

    await server.gql(
      `mutation($u: UUID!, $i: ScopedRoleInput!) { assignUserRole(userId: $u, input: $i) { id } }`,
      { u: account?.id, i: { role: 'STAFF', unitId: server.seed.unitIds[0] } },
      admin,
    );
    const again = await signInThroughProvider('vantar@kommun.example');
    expect(again.outcome.error).toBeNull();
    const res = await server.gql<{ completeSignIn: { user: { role: string } } }>(COMPLETE, { c: again.outcome.code });
    expect(res.data?.completeSignIn.user.role).toBe('STAFF');
    // The admin's role stays: no group maps the person, and an admin's choice is not the mapping's to undo.
    expect(await accountOf('vantar@kommun.example')).toMatchObject({ role: 'staff', role_source: 'admin' });
  });

  it('takes a mapped role away when the person leaves the group, ending their sessions', async () => {
    provider.groups.set('slutar@kommun.example', ['hjulet-personal-norr']);
    const first = await signInThroughProvider('slutar@kommun.example');
    const session = await server.gql<{ completeSignIn: { accessToken: string } }>(COMPLETE, { c: first.outcome.code });
    const token = session.data?.completeSignIn.accessToken;
    expect((await server.gql(`{ me { id } }`, {}, token)).errors).toBeUndefined();

    provider.groups.set('slutar@kommun.example', []);
    const second = await signInThroughProvider('slutar@kommun.example');
    expect(second.outcome.error).toBe('awaiting_role');
    expect((await server.gql(`{ me { id } }`, {}, token)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const changes = await roleChanges((await accountOf('slutar@kommun.example'))?.id);
    expect(changes.at(-1)?.details).toMatchObject({ by: 'mapping', from: { role: 'staff' }, to: null });
  });

  it('creates no one when the municipality does not allow it', async () => {
    await server.gql(SETTINGS, { i: { roleClaim: 'groups', autoCreate: false } }, admin);
    provider.groups.set('okand@kommun.example', ['hjulet-personal-norr']);
    const { outcome } = await signInThroughProvider('okand@kommun.example');
    expect(outcome.error).toBe('no_account');
    expect(await accountOf('okand@kommun.example')).toBeUndefined();
    await server.gql(SETTINGS, { i: { roleClaim: 'groups', autoCreate: true } }, admin);
  });
});
