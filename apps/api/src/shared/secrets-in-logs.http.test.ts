import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../seed/demo-seed.js';
import { createLogger } from './logger.js';
import { DEMO, startTestServer, type TestServer } from '../../test/support/test-server.js';
import { basic, PARTNER_SELF_ID, partnerRequest, partnerToken, registerPartner, tokenRequest } from '../../test/support/partners.js';

/*
 * No secret reaches the logs. The API runs with its logger at its most talkative (trace) into memory,
 * through everything that carries a secret: logins (right, wrong, locked out), refresh, logout, a password
 * change, a user created with a password, a partner registered (its secret shown once), token requests
 * with and without the right secret, partner requests, bad tokens and malformed bodies. Then every secret
 * the run handled, and anything shaped like a token, is searched for in what was logged.
 */

const JWT_SECRET = 'a-test-secret-that-is-long-enough-for-the-logs-0123';
const NEW_PASSWORD = 'ett-nytt-lösenord-för-loggtestet';
const WRONG_PASSWORD = 'fel-lösenord-Sommar2026!';
const logged: string[] = [];
const secrets = new Set<string>([JWT_SECRET, DEMO_PASSWORD, NEW_PASSWORD, WRONG_PASSWORD]);
let server: TestServer;

beforeAll(async () => {
  const log = createLogger('trace', { write: (line: string) => void logged.push(line) });
  server = await startTestServer({ log, env: { JWT_SECRET, LOGIN_ACCOUNT_MAX_ATTEMPTS: '3' } });
});
afterAll(() => server?.close());

const LOGIN = `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken refreshToken } }`;
const REFRESH = `mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken } }`;

async function login(email: string, password: string): Promise<{ accessToken: string; refreshToken: string } | null> {
  const res = await server.gql<{ login: { accessToken: string; refreshToken: string } }>(LOGIN, { e: email, p: password });
  if (res.data) {
    secrets.add(res.data.login.accessToken);
    secrets.add(res.data.login.refreshToken);
  }
  return res.data?.login ?? null;
}

describe('the logs of a run through every path that carries a secret', () => {
  it('name no password, token, client secret or signing key', { timeout: 120_000 }, async () => {
    const staff = await login(DEMO.staff, DEMO_PASSWORD);
    const admin = await login(DEMO.admin, DEMO_PASSWORD);
    if (!staff || !admin) throw new Error('demo logins failed');
    for (let i = 0; i < 4; i++) await login(DEMO.manager, WRONG_PASSWORD); // the last one locked out
    const refreshed = await server.gql<{ refreshSession: { accessToken: string; refreshToken: string } }>(REFRESH, { t: staff.refreshToken });
    secrets.add(refreshed.data?.refreshSession.accessToken ?? '');
    secrets.add(refreshed.data?.refreshSession.refreshToken ?? '');
    await server.gql(REFRESH, { t: 'x'.repeat(43) });
    await server.gql(`{ me { email } }`, {}, `${staff.accessToken}tampered`);
    await server.gql(
      `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }`,
      { c: DEMO_PASSWORD, n: NEW_PASSWORD },
      staff.accessToken,
    );
    await server.gql(
      `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }`,
      { c: WRONG_PASSWORD, n: NEW_PASSWORD },
      staff.accessToken,
    );
    const created = await server.gql(
      `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`,
      { input: { email: 'loggtest@demo.hjulet.se', displayName: 'Logg Test', password: NEW_PASSWORD, role: 'STAFF', unitId: server.seed.unitIds[0] } },
      admin.accessToken,
    );
    expect(created.errors).toBeUndefined();
    await server.gql(`mutation($t: String!) { logout(refreshToken: $t) }`, { t: refreshed.data?.refreshSession.refreshToken ?? '' });

    const client = await registerPartner(server, admin.accessToken);
    secrets.add(client.clientSecret);
    secrets.add(basic(client.clientId, client.clientSecret).slice('Basic '.length));
    const token = await partnerToken(server.url, client);
    secrets.add(token);
    expect((await partnerRequest(server.url, token, { documentId: PARTNER_SELF_ID })).status).toBe(200);
    await partnerRequest(server.url, token, { query: '{ me { email } }' });
    await tokenRequest(server.url, basic(client.clientId, `${client.clientSecret}-wrong`));
    await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: '{"query":',
    });

    const text = logged.join('');
    // The run was logged (a test that saw no lines would prove nothing).
    expect(logged.filter((line) => line.includes('"graphql request"')).length).toBeGreaterThanOrEqual(15);
    expect(text).toContain('partner token refused');
    const found = [...secrets].filter((secret) => secret.length >= 8 && text.includes(secret));
    expect(found.map((secret) => `${secret.slice(0, 6)}… (${secret.length} chars)`)).toEqual([]);
    // Anything shaped like one, whoever made it: a JWT, a bearer or basic credential, a password field.
    expect(text.match(/eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}/g) ?? []).toEqual([]);
    expect(text.match(/(Bearer|Basic) [A-Za-z0-9+/=._-]{16,}/g) ?? []).toEqual([]);
    expect(text.match(/"(password|currentPassword|newPassword|clientSecret|client_secret|refreshToken|accessToken)":"[^"[]/g) ?? []).toEqual([]);
  });
});
