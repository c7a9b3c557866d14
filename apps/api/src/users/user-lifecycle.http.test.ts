import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../seed/demo-seed.js';
import { DEMO, startTestServer, type TestServer } from '../../test/support/test-server.js';

/*
 * The admin's side of the user lifecycle (issue 12 §2 and §5) and each user's own sessions: role changes
 * and mapping rows are audited, deactivation and role changes end sessions at once, unused accounts are
 * flagged, and every bad input is a typed error that changes nothing.
 */

let server: TestServer;
let admin: string;

const ACCOUNTS = `{ userAccounts { id email role roleSource unitId administrationId active awaitingRole lastSignInAt lastSignInMethod dormant createdAt } }`;
const ASSIGN = `mutation($u: UUID!, $i: ScopedRoleInput!) { assignUserRole(userId: $u, input: $i) { id role unitId administrationId roleSource } }`;
const CREATE_MAPPING = `mutation($i: RoleMappingInput!) { createRoleMapping(input: $i) { id claimValue role unitId administrationId } }`;
const LOGIN = `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken refreshToken } }`;
const REFRESH = `mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken } }`;
const MY_SESSIONS = `{ mySessions { id method browser system createdAt lastUsedAt current } }`;
const END_MY_SESSION = `mutation($s: UUID!) { endMySession(sessionId: $s) }`;

interface Account {
  id: string;
  email: string;
  role: string | null;
  roleSource: string | null;
  unitId: string | null;
  active: boolean;
  awaitingRole: boolean;
  lastSignInAt: string | null;
  lastSignInMethod: string | null;
  dormant: boolean;
}

async function accounts(): Promise<Account[]> {
  const res = await server.gql<{ userAccounts: Account[] }>(ACCOUNTS, {}, admin);
  expect(res.errors).toBeUndefined();
  return res.data?.userAccounts ?? [];
}

/** A login from a browser with that User-Agent. */
async function loginFrom(email: string, userAgent: string): Promise<{ accessToken: string; refreshToken: string }> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': userAgent },
    body: JSON.stringify({ query: LOGIN, variables: { e: email, p: DEMO_PASSWORD } }),
  });
  const body = (await response.json()) as { data: { login: { accessToken: string; refreshToken: string } } };
  return body.data.login;
}

/** A fresh staff member of Norr, created by the admin. */
async function newStaff(name: string): Promise<{ id: string; email: string }> {
  const email = `${name}-${Math.random().toString(36).slice(2, 8)}@demo.hjulet.se`;
  const res = await server.gql<{ createUser: { id: string } }>(
    `mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`,
    { i: { email, displayName: name, password: DEMO_PASSWORD, role: 'STAFF', unitId: server.seed.unitIds[0] } },
    admin,
  );
  return { id: res.data?.createUser.id ?? '', email };
}

const isLive = async (token: string) => (await server.gql(`{ me { id } }`, {}, token)).errors === undefined;

beforeAll(async () => {
  server = await startTestServer({ recipientCount: 2 });
  admin = await server.tokenFor(DEMO.admin);
});
afterAll(() => server?.close());

describe("the admin's list of accounts", () => {
  it("shows each user's last sign-in and its method", async () => {
    await server.tokenFor(DEMO.staff);
    const staff = (await accounts()).find((a) => a.email === DEMO.staff);
    expect(staff).toMatchObject({ role: 'STAFF', roleSource: 'ADMIN', active: true, awaitingRole: false, lastSignInMethod: 'PASSWORD', dormant: false });
    expect(Date.now() - Date.parse(staff?.lastSignInAt ?? '')).toBeLessThan(60_000);
  });

  it('flags accounts without a sign-in for 90 days, counted from creation when they never signed in', async () => {
    const [old, never, recent] = [await newStaff('gammal'), await newStaff('aldrig'), await newStaff('ny')];
    await server.dataSource.query(`UPDATE app_user SET last_sign_in_at = now() - interval '91 days', created_at = now() - interval '400 days' WHERE id = $1`, [
      old.id,
    ]);
    await server.dataSource.query(`UPDATE app_user SET created_at = now() - interval '91 days' WHERE id = $1`, [never.id]);
    await server.dataSource.query(`UPDATE app_user SET last_sign_in_at = now() - interval '89 days', created_at = now() - interval '400 days' WHERE id = $1`, [
      recent.id,
    ]);
    const byId = new Map((await accounts()).map((a) => [a.id, a]));
    expect(byId.get(old.id)?.dormant).toBe(true);
    expect(byId.get(never.id)).toMatchObject({ dormant: true, lastSignInAt: null });
    expect(byId.get(recent.id)?.dormant).toBe(false);
  });

  it('is for admins only', async () => {
    const res = await server.gql(ACCOUNTS, {}, await server.tokenFor(DEMO.manager));
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('assigning a role', () => {
  it('changes role and unit, audits before and after, and ends the sessions the old role was in at once', async () => {
    const user = await newStaff('flyttas');
    const session = await loginFrom(user.email, 'test');
    expect(await isLive(session.accessToken)).toBe(true);
    const soder = server.seed.unitIds[1];
    const res = await server.gql<{ assignUserRole: { role: string; unitId: string; roleSource: string } }>(
      ASSIGN,
      { u: user.id, i: { role: 'UNIT_MANAGER', unitId: soder } },
      admin,
    );
    expect(res.data?.assignUserRole).toMatchObject({ role: 'UNIT_MANAGER', unitId: soder, roleSource: 'ADMIN' });
    expect(await isLive(session.accessToken)).toBe(false);
    expect((await server.gql(REFRESH, { t: session.refreshToken })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const [row]: Array<{ actor_role: string; details: Record<string, unknown> }> = await server.dataSource.query(
      `SELECT actor_role, details FROM audit_event WHERE entity_id = $1 AND details->>'change' = 'role' ORDER BY id DESC LIMIT 1`,
      [user.id],
    );
    expect(row).toEqual({
      actor_role: 'admin',
      details: {
        change: 'role',
        by: 'admin',
        from: { role: 'staff', unitId: server.seed.unitIds[0], administrationId: null },
        to: { role: 'unit_manager', unitId: soder, administrationId: null },
      },
    });
    // The admin's audit log shows it.
    const log = await server.gql<{ auditEvents: Array<{ action: string; details: { change?: string } }> }>(
      `query($id: String!) { auditEvents(entityId: $id) { action details } }`,
      { id: user.id },
      admin,
    );
    expect(log.data?.auditEvents.some((e) => e.action === 'update' && e.details.change === 'role')).toBe(true);
  });

  it('writes nothing and audits nothing when role and unit stay the same', async () => {
    const user = await newStaff('samma');
    const session = await loginFrom(user.email, 'test');
    await server.gql(ASSIGN, { u: user.id, i: { role: 'STAFF', unitId: server.seed.unitIds[0] } }, admin);
    expect(await isLive(session.accessToken)).toBe(true);
    const rows: unknown[] = await server.dataSource.query(`SELECT 1 FROM audit_event WHERE entity_id = $1 AND details->>'change' = 'role'`, [user.id]);
    expect(rows).toEqual([]);
  });

  const bad: Array<[string, (ids: { user: string; admin: string }) => Record<string, unknown>, string, string]> = [
    ['staff without a unit', ({ user }) => ({ u: user, i: { role: 'STAFF' } }), 'BAD_USER_INPUT', 'unitId'],
    ['an admin with a unit', ({ user }) => ({ u: user, i: { role: 'ADMIN', unitId: server.seed.unitIds[0] } }), 'BAD_USER_INPUT', 'unitId'],
    ['a coordinator without an administration', ({ user }) => ({ u: user, i: { role: 'QUALITY_COORDINATOR' } }), 'BAD_USER_INPUT', 'administrationId'],
    ['a unit that does not exist', ({ user }) => ({ u: user, i: { role: 'STAFF', unitId: '00000000-0000-4000-8000-000000000000' } }), 'NOT_FOUND', 'unitId'],
    ['a user that does not exist', () => ({ u: '00000000-0000-4000-8000-000000000001', i: { role: 'ADMIN' } }), 'NOT_FOUND', 'userId'],
    ['their own role', ({ admin: self }) => ({ u: self, i: { role: 'STAFF', unitId: server.seed.unitIds[0] } }), 'BAD_USER_INPUT', 'userId'],
  ];
  it.each(bad)('refuses %s with a typed error and changes nothing', async (_name, vars, code, field) => {
    const user = await newStaff('fel');
    const adminId = (await accounts()).find((a) => a.email === DEMO.admin)?.id ?? '';
    const before = await server.tableCounts();
    const roles = await server.dataSource.query(`SELECT id, role, unit_id FROM app_user ORDER BY id`);
    const audits = await server.dataSource.query(`SELECT count(*) FROM audit_event`);
    const res = await server.gql(ASSIGN, vars({ user: user.id, admin: adminId }), admin);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code, field });
    expect(await server.tableCounts()).toEqual(before);
    expect(await server.dataSource.query(`SELECT id, role, unit_id FROM app_user ORDER BY id`)).toEqual(roles);
    // A refusal may be audited as `refused`, never as a change.
    const changes = await server.dataSource.query(`SELECT count(*) FROM audit_event WHERE action <> 'refused'`);
    expect(Number((changes as Array<{ count: string }>)[0]?.count)).toBeLessThanOrEqual(Number((audits as Array<{ count: string }>)[0]?.count));
  });
});

describe('the mapping table', () => {
  it('keeps rows, audits each change, and refuses a claim value mapped twice', async () => {
    const created = await server.gql<{ createRoleMapping: { id: string; claimValue: string; role: string } }>(
      CREATE_MAPPING,
      { i: { claimValue: 'hjulet-personal-norr', role: 'STAFF', unitId: server.seed.unitIds[0] } },
      admin,
    );
    expect(created.errors).toBeUndefined();
    const id = created.data?.createRoleMapping.id ?? '';
    const list = await server.gql<{ roleMappings: Array<{ claimValue: string }> }>(`{ roleMappings { claimValue } }`, {}, admin);
    expect(list.data?.roleMappings.map((m) => m.claimValue)).toContain('hjulet-personal-norr');

    const before = await server.tableCounts();
    const twice = await server.gql(CREATE_MAPPING, { i: { claimValue: 'hjulet-personal-norr', role: 'ADMIN' } }, admin);
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'claimValue' });
    const badScope = await server.gql(CREATE_MAPPING, { i: { claimValue: 'x', role: 'UNIT_MANAGER' } }, admin);
    expect(badScope.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'unitId' });
    const empty = await server.gql(CREATE_MAPPING, { i: { claimValue: '', role: 'ADMIN' } }, admin);
    expect(empty.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await server.tableCounts()).toEqual(before);

    const removed = await server.gql(`mutation($id: UUID!) { deleteRoleMapping(id: $id) }`, { id }, admin);
    expect(removed.data).toEqual({ deleteRoleMapping: true });
    const again = await server.gql(`mutation($id: UUID!) { deleteRoleMapping(id: $id) }`, { id }, admin);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });

    const audit: Array<{ action: string; details: { claimValue: string } }> = await server.dataSource.query(
      `SELECT action, details FROM audit_event WHERE entity_type = 'role_mapping' AND entity_id = $1 ORDER BY id`,
      [id],
    );
    expect(audit.map((a) => [a.action, a.details.claimValue])).toEqual([
      ['create', 'hjulet-personal-norr'],
      ['delete', 'hjulet-personal-norr'],
    ]);
  });

  it('keeps the identity settings, audited, and refuses a claim name that is no name', async () => {
    const defaults = await server.gql<{ identitySettings: unknown }>(`{ identitySettings { roleClaim autoCreate } }`, {}, admin);
    expect(defaults.data?.identitySettings).toEqual({ roleClaim: 'groups', autoCreate: false });
    const UPDATE = `mutation($i: IdentitySettingsInput!) { updateIdentitySettings(input: $i) { roleClaim autoCreate } }`;
    const before = await server.tableCounts();
    const bad = await server.gql(UPDATE, { i: { roleClaim: 'två ord', autoCreate: true } }, admin);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await server.tableCounts()).toEqual(before);
    const ok = await server.gql(UPDATE, { i: { roleClaim: 'roles', autoCreate: true } }, admin);
    expect(ok.data).toEqual({ updateIdentitySettings: { roleClaim: 'roles', autoCreate: true } });
    const [row]: Array<{ details: unknown }> = await server.dataSource.query(
      `SELECT details FROM audit_event WHERE entity_type = 'identity_setting' ORDER BY id DESC LIMIT 1`,
    );
    expect(row?.details).toEqual({ from: { roleClaim: 'groups', autoCreate: false }, to: { roleClaim: 'roles', autoCreate: true } });
    await server.gql(UPDATE, { i: { roleClaim: 'groups', autoCreate: false } }, admin);
  });
});

describe('deactivation', () => {
  it('ends every session at once: access tokens refused on the next request, refresh refused', async () => {
    const user = await newStaff('slutar');
    const phone = await loginFrom(user.email, 'phone');
    const desktop = await loginFrom(user.email, 'desktop');
    const res = await server.gql(`mutation($u: UUID!) { deactivateUser(userId: $u) { active } }`, { u: user.id }, admin);
    expect(res.data).toEqual({ deactivateUser: { active: false } });
    for (const s of [phone, desktop]) {
      expect(await isLive(s.accessToken)).toBe(false);
      expect((await server.gql(REFRESH, { t: s.refreshToken })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    expect((await accounts()).find((a) => a.id === user.id)?.active).toBe(false);
  });
});

describe('my sessions', () => {
  const ANDROID = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';
  const WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';

  it('lists the live sessions with device, method and times, and marks the current one', async () => {
    const user = await newStaff('sessioner');
    const phone = await loginFrom(user.email, ANDROID);
    const desktop = await loginFrom(user.email, WINDOWS);
    const res = await server.gql<{
      mySessions: Array<{ browser: string; system: string; method: string; current: boolean; createdAt: string; lastUsedAt: string }>;
    }>(MY_SESSIONS, {}, desktop.accessToken);
    expect(res.data?.mySessions.map((s) => [s.browser, s.system, s.method, s.current])).toEqual([
      ['Firefox', 'Windows', 'PASSWORD', true],
      ['Chrome', 'Android', 'PASSWORD', false],
    ]);
    await server.gql(`mutation($t: String!) { logout(refreshToken: $t) }`, { t: phone.refreshToken });
    const after = await server.gql<{ mySessions: unknown[] }>(MY_SESSIONS, {}, desktop.accessToken);
    expect(after.data?.mySessions).toHaveLength(1);
  });

  it('ends another session of mine at once, audited', async () => {
    const user = await newStaff('tappad');
    const lost = await loginFrom(user.email, ANDROID);
    const here = await loginFrom(user.email, WINDOWS);
    const list = await server.gql<{ mySessions: Array<{ id: string; current: boolean }> }>(MY_SESSIONS, {}, here.accessToken);
    const other = list.data?.mySessions.find((s) => !s.current)?.id;
    const res = await server.gql(END_MY_SESSION, { s: other }, here.accessToken);
    expect(res.data).toEqual({ endMySession: true });
    expect(await isLive(lost.accessToken)).toBe(false);
    expect((await server.gql(REFRESH, { t: lost.refreshToken })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await isLive(here.accessToken)).toBe(true);
    const [row]: Array<{ action: string; details: { sessionId: string } }> = await server.dataSource.query(
      `SELECT action, details FROM audit_event WHERE entity_id = $1 AND details->>'change' = 'own_session_ended'`,
      [user.id],
    );
    expect(row).toMatchObject({ action: 'logout', details: { sessionId: other } });
  });

  it("cannot end another user's session, nor this one, nor one already ended: typed errors, nothing ended", async () => {
    const mine = await newStaff('min');
    const theirs = await newStaff('deras');
    const me = await loginFrom(mine.email, WINDOWS);
    const them = await loginFrom(theirs.email, ANDROID);
    const theirId = (await server.gql<{ mySessions: Array<{ id: string }> }>(MY_SESSIONS, {}, them.accessToken)).data?.mySessions[0]?.id;
    const myId = (await server.gql<{ mySessions: Array<{ id: string }> }>(MY_SESSIONS, {}, me.accessToken)).data?.mySessions[0]?.id;

    const foreign = await server.gql(END_MY_SESSION, { s: theirId }, me.accessToken);
    expect(foreign.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'sessionId' });
    expect(await isLive(them.accessToken)).toBe(true);

    const current = await server.gql(END_MY_SESSION, { s: myId }, me.accessToken);
    expect(current.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'sessionId' });
    expect(await isLive(me.accessToken)).toBe(true);

    const notUuid = await server.gql(END_MY_SESSION, { s: 'not-a-uuid' }, me.accessToken);
    expect(notUuid.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await server.gql(END_MY_SESSION, { s: theirId })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
