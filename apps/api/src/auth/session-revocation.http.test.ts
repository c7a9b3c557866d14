import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../app.js';
import { DEMO_PASSWORD } from '../seed/demo-seed.js';
import { createLogger } from '../shared/logger.js';
import { DEMO, startTestServer, type GraphQLResponse, type TestServer } from '../../test/support/test-server.js';

/*
 * Ending a session ends access at once, on every instance: logout, a password change, an admin revoking
 * a user's sessions or deactivating the account, and a refresh token reused after its grace. The access
 * token itself would have lived on for ACCESS_TOKEN_TTL_SECONDS (15 minutes); every request checks its session.
 */

interface Session {
  accessToken: string;
  refreshToken: string;
  user: { id: string };
}
const LOGIN = `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken refreshToken user { id } } }`;
const REFRESH = `mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken user { id } } }`;

let server: TestServer;
let second: RunningApp;
let admin: string;
beforeAll(async () => {
  server = await startTestServer();
  // A second instance on the same database, as behind a load balancer: what one ends, the other refuses at once.
  second = await startApp({ config: server.config, dataSource: server.dataSource, log: createLogger('silent') });
  admin = await server.tokenFor(DEMO.admin);
});
afterAll(async () => {
  await second?.close();
  await server?.close();
});

const codeOf = (res: GraphQLResponse) => res.errors?.[0]?.extensions?.code ?? 'ok';

async function gqlAt<T>(url: string, query: string, variables: Record<string, unknown>, token?: string): Promise<GraphQLResponse<T>> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as Omit<GraphQLResponse<T>, 'status'>) };
}

/** What `me` answers with this access token on each instance: the email, or the error code. */
async function access(token: string): Promise<string[]> {
  return Promise.all(
    [server.url, second.url].map(async (url) => {
      const res = await gqlAt<{ me: { email: string } }>(url, `{ me { email } }`, {}, token);
      return res.data?.me.email ?? codeOf(res);
    }),
  );
}

async function login(email: string, password = DEMO_PASSWORD): Promise<Session> {
  const res = await server.gql<{ login: Session }>(LOGIN, { e: email, p: password });
  if (!res.data) throw new Error(JSON.stringify(res.errors));
  return res.data.login;
}

/** A new staff member of Norr, so a test can end their sessions without touching anyone else's. */
async function freshUser(): Promise<{ id: string; email: string }> {
  const email = `konto-${randomUUID().slice(0, 8)}@demo.hjulet.se`;
  const res = await server.gql<{ createUser: { id: string } }>(
    `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`,
    { input: { email, displayName: 'Konto Test', password: DEMO_PASSWORD, role: 'STAFF', unitId: server.seed.unitIds[0] } },
    admin,
  );
  if (!res.data) throw new Error(JSON.stringify(res.errors));
  return { id: res.data.createUser.id, email };
}

const userAudit = (userId: string): Promise<Array<{ action: string; actor_role: string; details: Record<string, unknown> | null }>> =>
  server.dataSource.query(
    `SELECT action, actor_role, details FROM audit_event WHERE entity_type = 'user' AND entity_id = $1 AND action IN ('update', 'logout') ORDER BY id`,
    [userId],
  );

describe('logout', () => {
  it("ends this session's access token at once on every instance, and leaves the user's other devices signed in", async () => {
    const user = await freshUser();
    const phone = await login(user.email);
    const tablet = await login(user.email);
    expect(await access(phone.accessToken)).toEqual([user.email, user.email]);

    await gqlAt(second.url, `mutation($t: String!) { logout(refreshToken: $t) }`, { t: phone.refreshToken });
    expect(await access(phone.accessToken)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED']);
    expect(await access(tablet.accessToken)).toEqual([user.email, user.email]);
  });
});

describe('a refresh token reused after its grace window', () => {
  it('ends the whole session, its access tokens included', async () => {
    const user = await freshUser();
    const first = await login(user.email);
    const next = (await server.gql<{ refreshSession: Session }>(REFRESH, { t: first.refreshToken })).data?.refreshSession as Session;
    expect(await access(next.accessToken)).toEqual([user.email, user.email]);
    await new Promise((resolve) => setTimeout(resolve, 2_600)); // the test server's grace is 2 s
    expect(codeOf(await server.gql(REFRESH, { t: first.refreshToken }))).toBe('UNAUTHENTICATED');
    expect(await access(next.accessToken)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED']);
    expect(await access(first.accessToken)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED']);
  });
});

describe('changePassword', () => {
  const CHANGE = `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }`;

  it('ends every other session at once, keeps this one, and only the new password logs in; audited', async () => {
    const user = await freshUser();
    const here = await login(user.email);
    const elsewhere = await login(user.email);
    const res = await gqlAt<{ changePassword: boolean }>(server.url, CHANGE, { c: DEMO_PASSWORD, n: 'ett-nytt-lösenord-2026' }, here.accessToken);
    expect(res.data?.changePassword).toBe(true);

    expect(await access(elsewhere.accessToken)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED']);
    expect(codeOf(await server.gql(REFRESH, { t: elsewhere.refreshToken }))).toBe('UNAUTHENTICATED');
    expect(await access(here.accessToken)).toEqual([user.email, user.email]);
    expect(codeOf(await server.gql(REFRESH, { t: here.refreshToken }))).toBe('ok');
    expect(codeOf(await server.gql(LOGIN, { e: user.email, p: DEMO_PASSWORD }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await server.gql(LOGIN, { e: user.email, p: 'ett-nytt-lösenord-2026' }))).toBe('ok');
    expect(await userAudit(user.id)).toEqual([{ action: 'update', actor_role: 'staff', details: { change: 'password' } }]);
  });

  it('refuses a wrong current password with a typed error, and changes nothing', async () => {
    const user = await freshUser();
    const here = await login(user.email);
    const elsewhere = await login(user.email);
    const res = await server.gql(CHANGE, { c: 'inte-lösenordet', n: 'ett-nytt-lösenord-2026' }, here.accessToken);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'currentPassword' });
    expect(await access(elsewhere.accessToken)).toEqual([user.email, user.email]);
    expect(codeOf(await server.gql(LOGIN, { e: user.email, p: DEMO_PASSWORD }))).toBe('ok');
    expect(await userAudit(user.id)).toEqual([]);
  });

  it('refuses a new password shorter than 10 characters', async () => {
    const here = await login((await freshUser()).email);
    const res = await server.gql(CHANGE, { c: DEMO_PASSWORD, n: 'kort' }, here.accessToken);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'newPassword' });
  });
});

describe('an admin', () => {
  it("revoking a user's sessions ends all of them at once; the user can log in again; audited", async () => {
    const user = await freshUser();
    const sessions = [await login(user.email), await login(user.email)];
    const res = await server.gql<{ revokeUserSessions: boolean }>(`mutation($id: UUID!) { revokeUserSessions(userId: $id) }`, { id: user.id }, admin);
    expect(res.data?.revokeUserSessions).toBe(true);
    for (const s of sessions) {
      expect(await access(s.accessToken)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED']);
      expect(codeOf(await server.gql(REFRESH, { t: s.refreshToken }))).toBe('UNAUTHENTICATED');
    }
    expect(await access((await login(user.email)).accessToken)).toEqual([user.email, user.email]);
    expect(await userAudit(user.id)).toEqual([{ action: 'logout', actor_role: 'admin', details: { change: 'sessions_revoked' } }]);
  });

  it('deactivating a user ends their access at once and refuses their logins until reactivated; both audited', async () => {
    const user = await freshUser();
    const session = await login(user.email);
    const off = await server.gql<{ deactivateUser: { active: boolean } }>(
      `mutation($id: UUID!) { deactivateUser(userId: $id) { id active } }`,
      { id: user.id },
      admin,
    );
    expect(off.data?.deactivateUser.active).toBe(false);
    expect(await access(session.accessToken)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED']);
    expect(codeOf(await server.gql(REFRESH, { t: session.refreshToken }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await server.gql(LOGIN, { e: user.email, p: DEMO_PASSWORD }))).toBe('UNAUTHENTICATED');

    const on = await server.gql<{ reactivateUser: { active: boolean } }>(
      `mutation($id: UUID!) { reactivateUser(userId: $id) { id active } }`,
      { id: user.id },
      admin,
    );
    expect(on.data?.reactivateUser.active).toBe(true);
    // The old session stays ended; a new login works.
    expect(await access(session.accessToken)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED']);
    expect(await access((await login(user.email)).accessToken)).toEqual([user.email, user.email]);
    expect((await userAudit(user.id)).map((a) => a.details)).toEqual([{ change: 'deactivated' }, { change: 'reactivated' }]);
  });

  it('cannot deactivate their own account', async () => {
    const me = (await server.gql<{ me: { id: string } }>(`{ me { id } }`, {}, admin)).data?.me.id;
    const res = await server.gql(`mutation($id: UUID!) { deactivateUser(userId: $id) { id } }`, { id: me }, admin);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'userId' });
    expect(await access(admin)).toEqual([DEMO.admin, DEMO.admin]);
  });
});
