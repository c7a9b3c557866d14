import { deleteDB, openDB, type IDBPDatabase } from 'idb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DB_NAME, DB_VERSION, openHjuletDb, resetDbConnection, UPGRADE_STEPS, type HjuletSchema, type OfflineVerifier, type StoredUser } from '../data/db.js';
import { endedSessions, readVerifier, replaceVerifier } from '../data/offline-login.js';
import { clearSession, readReference, readSession, writeReference, writeSession } from '../data/session-store.js';
import { createVerifier } from './offline-verifier.js';
import { accessToken, loadSession, login, logout, sessionStore, settleEndedSessions, unlockOffline } from './session.js';
import { MAX_FAILURES, VERIFIER_MAX_AGE_MS } from './unlock-policy.js';

/*
 * Offline unlock end to end below the screens: the real IndexedDB layer (fake-indexeddb), real WebCrypto,
 * and a server that answers the staff app's GraphQL operations by name over a stubbed fetch.
 */

const ANNA: StoredUser = { id: 'user-anna', displayName: 'Anna Andersson', role: 'staff', unitId: 'unit-1', email: 'anna@example.se' };
const PASSWORD = 'rätt-lösenord';
const FAST = 1_000;
const HOUR = 3_600_000;

interface Call {
  operation: string;
  variables: Record<string, unknown>;
}

/** The API as far as sessions go: login checks one password, refresh and logout accept known tokens. */
function fakeServer() {
  const calls: Call[] = [];
  const live = new Set<string>();
  let issued = 0;
  let reachable = true;
  const sessionFor = () => {
    issued += 1;
    const refreshToken = `refresh-${issued}`;
    live.add(refreshToken);
    return {
      accessToken: `access-${issued}`,
      accessTokenExpiresAt: new Date(Date.now() + 15 * 60_000).toISOString(),
      refreshToken,
      refreshTokenExpiresAt: new Date(Date.now() + 14 * 24 * HOUR).toISOString(),
      user: { ...ANNA, role: 'STAFF' },
    };
  };
  const answer = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  const refused = (message: string) => answer({ data: null, errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] });
  const fetchImpl = async (_url: unknown, init?: RequestInit) => {
    if (!reachable) throw new TypeError('Failed to fetch');
    const { query, variables } = JSON.parse(String(init?.body)) as { query: string; variables: Record<string, unknown> };
    const operation = /(?:mutation|query)\s+(\w+)/.exec(query)?.[1] ?? '';
    calls.push({ operation, variables });
    switch (operation) {
      case 'SignIn':
        return variables['password'] === PASSWORD && String(variables['email']).trim().toLowerCase() === ANNA.email
          ? answer({ data: { signIn: { session: sessionFor(), secondStep: null } } })
          : refused('Wrong email or password');
      case 'Refresh':
        if (!live.delete(String(variables['refreshToken']))) return refused('Session expired, log in again');
        return answer({ data: { refreshSession: sessionFor() } });
      case 'Logout':
        live.delete(String(variables['refreshToken']));
        return answer({ data: { logout: true } });
      default:
        throw new Error(`unexpected ${operation}`);
    }
  };
  return {
    calls,
    live,
    fetchImpl,
    setReachable: (value: boolean) => (reachable = value),
    operations: () => calls.map((c) => c.operation),
  };
}

let server: ReturnType<typeof fakeServer>;
let online = true;

beforeEach(() => {
  server = fakeServer();
  online = true;
  vi.stubGlobal('fetch', server.fetchImpl);
  vi.spyOn(navigator, 'onLine', 'get').mockImplementation(() => online);
  sessionStore.set({ status: 'loading' });
});

afterEach(async () => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  (await openHjuletDb()).close();
  resetDbConnection();
  await deleteDB(DB_NAME);
});

const goOffline = () => {
  online = false;
  server.setReachable(false);
};
const goOnline = () => {
  online = true;
  server.setReachable(true);
};

/** A verifier as a login on this phone leaves it, with a low iteration count to keep the tests fast. */
async function knownUser(overrides: Partial<OfflineVerifier> = {}): Promise<void> {
  await replaceVerifier({
    ...(await createVerifier(PASSWORD, FAST)),
    email: ANNA.email,
    userId: ANNA.id,
    user: ANNA,
    lastServerContactAt: new Date().toISOString(),
    failures: 0,
    retryAt: null,
    ...overrides,
  });
}

const reference = {
  userId: ANNA.id,
  safetyTemplateVersionId: 'template-v1',
  recipients: [{ id: 'r1', reference: 'HT-0001', housingType: 'house' as const, serverStatus: null, performedAt: null }],
  actions: [],
  fetchedAt: '2026-11-20T08:00:00.000Z',
};

describe('logging in online', () => {
  it('keeps a PBKDF2 verifier under the normalised email, and never the password', async () => {
    await login('  Anna@Example.SE ', PASSWORD);
    const verifier = await readVerifier(ANNA.email);
    expect(verifier).toMatchObject({ email: ANNA.email, userId: ANNA.id, user: ANNA, kdf: 'PBKDF2-SHA-256', iterations: 600_000, failures: 0, retryAt: null });
    expect(Math.abs(Date.parse(verifier!.lastServerContactAt) - Date.now())).toBeLessThan(60_000);
    const db = await openHjuletDb();
    const everything = JSON.stringify(await Promise.all(['session', 'verifiers', 'endedSessions', 'meta'].map((s) => db.getAll(s as 'meta'))));
    expect(everything).not.toContain(PASSWORD);
  });

  it('wipes the verifier when the server refuses a password the verifier accepts (changed password, closed account)', async () => {
    await knownUser();
    await expect(login(ANNA.email, 'nytt-lösenord-någon-annanstans')).rejects.toThrow();
    expect(await readVerifier(ANNA.email)).toBeDefined();
    // The password was changed on the server: the one the phone knows is refused.
    vi.stubGlobal(
      'fetch',
      async () =>
        new Response(JSON.stringify({ data: null, errors: [{ message: 'Wrong email or password', extensions: { code: 'UNAUTHENTICATED' } }] }), {
          status: 200,
        }),
    );
    await expect(login(ANNA.email, PASSWORD)).rejects.toThrow();
    expect(await readVerifier(ANNA.email)).toBeUndefined();
  });
});

describe('unlocking offline', () => {
  it('says the first login needs a connection when this phone does not know the email', async () => {
    goOffline();
    expect(await unlockOffline('okand@example.se', PASSWORD)).toEqual({ kind: 'unknown' });
    expect(await readSession()).toBeUndefined();
  });

  it('opens a local session with the right password, which asks the server for nothing', async () => {
    await knownUser();
    goOffline();
    expect(await unlockOffline(' ANNA@example.se', PASSWORD)).toEqual({ kind: 'unlocked' });
    const session = await readSession();
    expect(session).toMatchObject({ localOnly: true, user: ANNA, refreshToken: null });
    expect(sessionStore.get()).toMatchObject({ status: 'active', expired: false, session: { localOnly: true } });
    await expect(accessToken()).rejects.toMatchObject({ failure: { kind: 'offline' } });
    goOnline();
    await expect(accessToken()).rejects.toMatchObject({ failure: { kind: 'unauthenticated' } });
    expect(server.calls).toEqual([]);
  });

  it('backs off after a wrong password, without counting tries made during the wait', async () => {
    await knownUser();
    goOffline();
    const first = await unlockOffline(ANNA.email, 'fel');
    expect(first).toMatchObject({ kind: 'wrong', attemptsLeft: MAX_FAILURES - 1 });
    expect(await unlockOffline(ANNA.email, PASSWORD)).toMatchObject({ kind: 'wait' });
    expect((await readVerifier(ANNA.email))?.failures).toBe(1);
  });

  it('wipes the verifier, and the recipient list it kept, at the 5th wrong password in a row', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    await knownUser();
    await writeReference(reference);
    goOffline();
    const outcomes: string[] = [];
    for (let i = 0; i < MAX_FAILURES; i++) {
      const result = await unlockOffline(ANNA.email, `fel-${i}`);
      outcomes.push(result.kind);
      if (result.kind === 'wrong') vi.setSystemTime(result.retryAt);
    }
    expect(outcomes).toEqual(['wrong', 'wrong', 'wrong', 'wrong', 'wiped']);
    expect(await readVerifier(ANNA.email)).toBeUndefined();
    expect(await readReference(ANNA.id)).toBeUndefined();
    expect(await unlockOffline(ANNA.email, PASSWORD)).toEqual({ kind: 'unknown' });
  });

  it('starts counting again after the right password', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    await knownUser();
    goOffline();
    const wrong = await unlockOffline(ANNA.email, 'fel');
    if (wrong.kind !== 'wrong') throw new Error(wrong.kind);
    vi.setSystemTime(wrong.retryAt);
    expect(await unlockOffline(ANNA.email, PASSWORD)).toEqual({ kind: 'unlocked' });
    expect(await readVerifier(ANNA.email)).toMatchObject({ failures: 0, retryAt: null });
  });

  it('wipes a verifier 14 days after the last contact with the server, also at app start', async () => {
    await knownUser({ lastServerContactAt: new Date(Date.now() - VERIFIER_MAX_AGE_MS - 1000).toISOString() });
    goOffline();
    expect(await unlockOffline(ANNA.email, PASSWORD)).toEqual({ kind: 'wiped', reason: 'expired' });
    expect(await readVerifier(ANNA.email)).toBeUndefined();

    await knownUser({ lastServerContactAt: new Date(Date.now() - VERIFIER_MAX_AGE_MS - 1000).toISOString() });
    await writeReference(reference);
    await loadSession();
    expect(await readVerifier(ANNA.email)).toBeUndefined();
    expect(await readReference(ANNA.id)).toBeUndefined();
  });
});

describe('logging out and coming back online', () => {
  it('keeps the recipient list of a user who can unlock offline, and forgets it for one who cannot', async () => {
    await writeSession({
      user: ANNA,
      accessToken: 'a',
      accessTokenExpiresAt: '2026-11-20T10:00:00Z',
      refreshToken: 'r',
      refreshTokenExpiresAt: '2026-12-01T00:00:00Z',
    });
    await writeReference(reference);
    await knownUser();
    await clearSession(ANNA.id);
    expect(await readReference(ANNA.id)).toEqual(reference);

    await writeSession({
      user: ANNA,
      accessToken: 'a',
      accessTokenExpiresAt: '2026-11-20T10:00:00Z',
      refreshToken: 'r',
      refreshTokenExpiresAt: '2026-12-01T00:00:00Z',
    });
    await (await openHjuletDb()).clear('verifiers');
    await clearSession(ANNA.id);
    expect(await readReference(ANNA.id)).toBeUndefined();
  });

  it('online: revokes the refresh token at once; then, unlocked offline, sync asks for the password', async () => {
    await login(ANNA.email, PASSWORD);
    const token = (await readSession())?.refreshToken;
    await logout();
    expect(server.calls.at(-1)).toEqual({ operation: 'Logout', variables: { refreshToken: token } });
    expect(server.live.has(token!)).toBe(false);
    expect(await endedSessions()).toEqual([]);

    goOffline();
    expect(await unlockOffline(ANNA.email, PASSWORD)).toEqual({ kind: 'unlocked' });
    goOnline();
    await expect(accessToken()).rejects.toMatchObject({ failure: { kind: 'unauthenticated' } });
    expect(server.operations()).toEqual(['SignIn', 'Logout']);
  });

  it('offline: keeps the refresh token aside; the same user unlocking again uses it when the network is back', async () => {
    await login(ANNA.email, PASSWORD);
    goOffline();
    await logout();
    expect(sessionStore.get()).toEqual({ status: 'anonymous' });
    expect(await endedSessions()).toHaveLength(1);

    expect(await unlockOffline(ANNA.email, PASSWORD)).toEqual({ kind: 'unlocked' });
    expect(await endedSessions()).toEqual([]);
    goOnline();
    expect(await accessToken()).toBe('access-2');
    expect(await readSession()).toMatchObject({ user: ANNA, accessToken: 'access-2', refreshToken: 'refresh-2' });
    expect((await readSession())?.localOnly).toBeUndefined();
    expect(server.operations()).toEqual(['SignIn', 'Refresh']);
  });

  it('offline: revokes the kept refresh token at the next contact with the server if its user did not come back', async () => {
    await login(ANNA.email, PASSWORD);
    goOffline();
    await logout();
    await settleEndedSessions();
    expect(server.operations()).toEqual(['SignIn']);
    goOnline();
    await settleEndedSessions();
    expect(server.operations()).toEqual(['SignIn', 'Logout']);
    expect(server.live.size).toBe(0);
    expect(await endedSessions()).toEqual([]);
  });

  it('asks for the password when the kept refresh token no longer works', async () => {
    await login(ANNA.email, PASSWORD);
    goOffline();
    await logout();
    expect(await unlockOffline(ANNA.email, PASSWORD)).toEqual({ kind: 'unlocked' });
    server.live.clear();
    goOnline();
    await expect(accessToken()).rejects.toMatchObject({ failure: { kind: 'unauthenticated' } });
    expect(await readSession()).toMatchObject({ localOnly: true, refreshToken: null });
    expect(sessionStore.get()).toMatchObject({ status: 'active', session: { localOnly: true, refreshToken: null } });
  });
});

describe('the database upgrade from version 1', () => {
  it('keeps what version 1 held and adds the stores for offline unlock, synced reviews and routines', async () => {
    (await openHjuletDb()).close();
    resetDbConnection();
    await deleteDB(DB_NAME);
    const v1 = await openDB(DB_NAME, 1, {
      // Version 1 as the app's own first upgrade step creates it (its records, below, have version 1's shape).
      upgrade: (db) => UPGRADE_STEPS[0]?.(db as unknown as IDBPDatabase<HjuletSchema>),
    });
    const v1Session = { key: 'current', user: ANNA, accessToken: 'a', accessTokenExpiresAt: 'x', refreshToken: 'r', refreshTokenExpiresAt: 'y' };
    await v1.put('session', v1Session);
    await v1.put('outbox', { id: 'o1', userId: ANNA.id, kind: 'review' });
    await v1.put('meta', { key: 'deviceId', value: 'device-1' });
    v1.close();

    const db = await openHjuletDb();
    expect(db.version).toBe(DB_VERSION);
    expect(DB_VERSION).toBe(4);
    expect([...db.objectStoreNames]).toEqual(expect.arrayContaining(['verifiers', 'endedSessions', 'synced', 'routines']));
    expect(await readSession()).toEqual(v1Session);
    expect(await db.get('outbox', 'o1')).toMatchObject({ id: 'o1' });
    expect(await db.get('meta', 'deviceId')).toEqual({ key: 'deviceId', value: 'device-1' });
  });
});
