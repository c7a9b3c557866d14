import { randomBytes } from 'node:crypto';
import { SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../app.js';
import { DEMO_PASSWORD } from '../seed/demo-seed.js';
import { loadConfig } from '../shared/config.js';
import { createLogger } from '../shared/logger.js';
import { DEMO, startTestServer, type GraphQLResponse, type TestServer } from '../../test/support/test-server.js';

interface Session {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  user: { id: string; email: string; role: string; municipalityId: string; unitId: string | null };
}

const SESSION_FIELDS = `accessToken accessTokenExpiresAt refreshToken user { id email role municipalityId unitId }`;
const LOGIN = `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { ${SESSION_FIELDS} } }`;
const REFRESH = `mutation($t: String!) { refreshSession(refreshToken: $t) { ${SESSION_FIELDS} } }`;
const LOGOUT = `mutation($t: String!) { logout(refreshToken: $t) }`;
const ME = `{ me { email } }`;

// A second app on the same database whose signing secret the test knows, to forge otherwise valid tokens.
const KNOWN_SECRET = 'a-test-secret-that-is-long-enough-0123456789';

let server: TestServer;
let keyed: RunningApp;

beforeAll(async () => {
  server = await startTestServer();
  const config = loadConfig({ NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent', JWT_SECRET: KNOWN_SECRET });
  keyed = await startApp({ config, dataSource: server.dataSource, log: createLogger('silent') });
});
afterAll(async () => {
  await keyed?.close();
  await server?.close();
});

async function login(email: string, password = DEMO_PASSWORD): Promise<GraphQLResponse<{ login: Session }>> {
  return server.gql<{ login: Session }>(LOGIN, { e: email, p: password });
}

async function session(email: string = DEMO.staff): Promise<Session> {
  const res = await login(email);
  if (!res.data) throw new Error(JSON.stringify(res.errors));
  return res.data.login;
}

const refresh = (token: string) => server.gql<{ refreshSession: Session }>(REFRESH, { t: token });
/** The session (refresh-token family) an access token belongs to, from its `sid` claim. */
const sessionOf = (s: Session) => (JSON.parse(Buffer.from(s.accessToken.split('.')[1] ?? '', 'base64url').toString()) as { sid: string }).sid;
const codeOf = (res: GraphQLResponse) => res.errors?.[0]?.extensions?.code ?? 'ok';

/** `me` at the given app's URL: what a phone holding this token would get. */
async function meAt(url: string, token: string): Promise<string> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: ME }),
  });
  const body = (await response.json()) as { data?: { me: { email: string } } | null; errors?: Array<{ extensions?: { code?: string } }> };
  return body.errors?.[0]?.extensions?.code ?? body.data?.me.email ?? 'no answer';
}

describe('login', () => {
  it('gives the right password a session whose access token works', async () => {
    const s = await session(DEMO.manager);
    expect(s.user).toMatchObject({ email: DEMO.manager, role: 'UNIT_MANAGER' });
    expect(s.refreshToken.length).toBeGreaterThanOrEqual(40);
    expect(new Date(s.accessTokenExpiresAt).getTime()).toBeGreaterThan(Date.now());
    expect(await meAt(server.url, s.accessToken)).toBe(DEMO.manager);
  });

  it('answers a wrong password and an unknown email alike, so an email cannot be probed', async () => {
    const wrongPassword = await login(DEMO.staff, 'not-the-password');
    const unknownEmail = await login('nobody@demo.hjulet.se');
    expect(wrongPassword.data).toBeNull();
    expect(wrongPassword.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(unknownEmail.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(unknownEmail.errors?.[0]?.message).toBe(wrongPassword.errors?.[0]?.message);
  });
});

describe('an access token', () => {
  let staff: Session;
  beforeAll(async () => {
    staff = await session(DEMO.staff);
  });

  /** A token with the staff member's claims, as the API signs them; `change` spoils one thing. */
  const forged = (
    change: (jwt: SignJWT) => SignJWT = (jwt) => jwt,
    secret: string | Uint8Array = KNOWN_SECRET,
    alg = 'HS256',
    claims: { sid?: string | undefined } = {},
  ) =>
    change(
      new SignJWT({ role: 'staff', mun: staff.user.municipalityId, unit: staff.user.unitId, adm: null, sid: sessionOf(staff), ...claims })
        .setProtectedHeader({ alg, typ: 'JWT' })
        .setSubject(staff.user.id)
        .setIssuer('hjulet')
        .setAudience('hjulet-api')
        .setIssuedAt()
        .setExpirationTime('10m'),
    ).sign(typeof secret === 'string' ? new TextEncoder().encode(secret) : secret);

  it('is rejected once its payload is changed (staff made admin)', async () => {
    const [header, payload, signature] = staff.accessToken.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const tampered = [header, Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url'), signature].join('.');
    expect(await meAt(server.url, staff.accessToken)).toBe(DEMO.staff);
    expect(await meAt(server.url, tampered)).toBe('UNAUTHENTICATED');
  });

  it('is rejected unsigned (alg none)', async () => {
    const unsigned = new UnsecuredJWT({ role: 'admin', mun: staff.user.municipalityId })
      .setSubject(staff.user.id)
      .setIssuer('hjulet')
      .setAudience('hjulet-api')
      .setIssuedAt()
      .setExpirationTime('10m')
      .encode();
    expect(await meAt(server.url, unsigned)).toBe('UNAUTHENTICATED');
  });

  it("is rejected when signed with a secret that is not the server's", async () => {
    expect(await meAt(server.url, await forged(undefined, new Uint8Array(randomBytes(32))))).toBe('UNAUTHENTICATED');
  });

  it("is accepted when forged with the server's own secret and every claim right (the control for the cases below)", async () => {
    expect(await meAt(keyed.url, await forged())).toBe(DEMO.staff);
  });

  it.each([
    ['for another audience', (jwt: SignJWT) => jwt.setAudience('partner-api')],
    ['from another issuer', (jwt: SignJWT) => jwt.setIssuer('someone-else')],
    ['expired', (jwt: SignJWT) => jwt.setIssuedAt(Math.floor(Date.now() / 1000) - 3600).setExpirationTime(Math.floor(Date.now() / 1000) - 60)],
  ])('is rejected when it is %s, even with the right signature', async (_label, change) => {
    expect(await meAt(keyed.url, await forged(change))).toBe('UNAUTHENTICATED');
  });

  it.each([
    ['without the session it belongs to', () => ({ sid: undefined })],
    ['with a session of another user', async () => ({ sid: sessionOf(await session(DEMO.manager)) })],
  ])('is rejected %s, even with the right signature', async (_label, claims) => {
    expect(await meAt(keyed.url, await forged(undefined, KNOWN_SECRET, 'HS256', await claims()))).toBe('UNAUTHENTICATED');
  });

  it('is rejected when signed with another algorithm (HS512) and the right secret', async () => {
    expect(await meAt(keyed.url, await forged(undefined, KNOWN_SECRET, 'HS512'))).toBe('UNAUTHENTICATED');
  });
});

describe('refreshSession', () => {
  it('rotates: a new refresh token, and a new access token that works', async () => {
    const first = await session();
    const res = await refresh(first.refreshToken);
    expect(codeOf(res)).toBe('ok');
    const next = res.data?.refreshSession as Session;
    expect(next.refreshToken).not.toBe(first.refreshToken);
    expect(next.user.email).toBe(DEMO.staff);
    expect(await meAt(server.url, next.accessToken)).toBe(DEMO.staff);
  });

  it('lets a rotated token work once more within the grace window, for a phone that never saw the answer', async () => {
    const first = await session();
    const rotated = await refresh(first.refreshToken);
    const retried = await refresh(first.refreshToken);
    expect(codeOf(rotated)).toBe('ok');
    expect(codeOf(retried)).toBe('ok');
    expect(retried.data?.refreshSession.refreshToken).not.toBe(rotated.data?.refreshSession.refreshToken);
  });

  it('treats reuse after the grace window as theft: refused, and every token of the session stops working', async () => {
    const first = await session();
    const second = (await refresh(first.refreshToken)).data?.refreshSession as Session;
    await new Promise((resolve) => setTimeout(resolve, 2_600)); // the test server's grace is 2 s

    const reused = await refresh(first.refreshToken);
    expect(codeOf(reused)).toBe('UNAUTHENTICATED');
    expect(codeOf(await refresh(second.refreshToken))).toBe('UNAUTHENTICATED');
  });

  it('refuses a token it never issued', async () => {
    expect(codeOf(await refresh(randomBytes(32).toString('base64url')))).toBe('UNAUTHENTICATED');
  });
});

describe('logout', () => {
  it("ends this device's session, leaves the user's other devices signed in, and is audited", async () => {
    const phone = await session(DEMO.staff2);
    const tablet = await session(DEMO.staff2);
    const rotated = (await refresh(phone.refreshToken)).data?.refreshSession as Session;

    const res = await server.gql<{ logout: boolean }>(LOGOUT, { t: rotated.refreshToken });
    expect(res.data?.logout).toBe(true);
    expect(codeOf(await refresh(rotated.refreshToken))).toBe('UNAUTHENTICATED');
    expect(codeOf(await refresh(phone.refreshToken))).toBe('UNAUTHENTICATED');
    expect(codeOf(await refresh(tablet.refreshToken))).toBe('ok');

    const audited: Array<{ entity_id: string }> = await server.dataSource.query(
      `SELECT entity_id FROM audit_event WHERE action = 'logout' AND entity_id = $1`,
      [phone.user.id],
    );
    expect(audited).toHaveLength(1);
  });
});
