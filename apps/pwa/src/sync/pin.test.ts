import { deleteDB } from 'idb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DB_NAME, openHjuletDb, resetDbConnection, type StoredUser } from '../data/db.js';
import { endedSessions, readVerifier } from '../data/offline-login.js';
import { readSession } from '../data/session-store.js';
import { PBKDF2_ITERATIONS } from './offline-verifier.js';
import { changePin, setPin } from './pin.js';
import { completeProviderSignIn, loadSession, login, logout, pendingProviderLogout, sessionStore, settleEndedSessions, unlockOffline } from './session.js';
import { MAX_FAILURES } from './unlock-policy.js';

/*
 * The PIN of a provider user (issue 12) below the screens: the real IndexedDB layer (fake-indexeddb),
 * real WebCrypto at the real iteration count, and a server that answers the staff app's operations by
 * name over a stubbed fetch. The PIN must never be in any request.
 */

const BO: StoredUser = { id: 'user-bo', displayName: 'Bo Berg', role: 'staff', unitId: 'unit-1', email: 'bo@example.se' };
const PIN = '480372';
const LOGOUT_URL = 'https://idp.example/logout?id_token_hint=x&post_logout_redirect_uri=https%3A%2F%2Fapp%2F';
const HOUR = 3_600_000;

function fakeServer() {
  const bodies: string[] = [];
  const operations: string[] = [];
  const live = new Set<string>();
  let issued = 0;
  let reachable = true;
  const sessionFor = () => {
    issued += 1;
    live.add(`refresh-${issued}`);
    return {
      accessToken: `access-${issued}`,
      accessTokenExpiresAt: new Date(Date.now() + 15 * 60_000).toISOString(),
      refreshToken: `refresh-${issued}`,
      refreshTokenExpiresAt: new Date(Date.now() + 14 * 24 * HOUR).toISOString(),
      user: { ...BO, role: 'STAFF' },
    };
  };
  const answer = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  const fetchImpl = async (_url: unknown, init?: RequestInit) => {
    if (!reachable) throw new TypeError('Failed to fetch');
    bodies.push(String(init?.body));
    const { query, variables } = JSON.parse(String(init?.body)) as { query: string; variables: Record<string, unknown> };
    const operation = /(?:mutation|query)\s+(\w+)/.exec(query)?.[1] ?? '';
    operations.push(operation);
    switch (operation) {
      case 'CompleteSignIn':
        return answer({ data: { completeSignIn: sessionFor() } });
      case 'SignIn':
        return answer({ data: null, errors: [{ message: 'Wrong email or password', extensions: { code: 'UNAUTHENTICATED' } }] });
      case 'EndSession':
        live.delete(String(variables['refreshToken']));
        return answer({ data: { endSession: { providerLogoutUrl: LOGOUT_URL } } });
      case 'Logout':
        live.delete(String(variables['refreshToken']));
        return answer({ data: { logout: true } });
      default:
        throw new Error(`unexpected ${operation}`);
    }
  };
  return { bodies, operations, live, fetchImpl, setReachable: (value: boolean) => (reachable = value) };
}

let server: ReturnType<typeof fakeServer>;
let online = true;
const goOffline = () => {
  online = false;
  server.setReachable(false);
};
const goOnline = () => {
  online = true;
  server.setReachable(true);
};

beforeEach(() => {
  server = fakeServer();
  online = true;
  vi.stubGlobal('fetch', server.fetchImpl);
  vi.spyOn(navigator, 'onLine', 'get').mockImplementation(() => online);
  sessionStore.set({ status: 'loading' });
});

afterEach(async () => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  (await openHjuletDb()).close();
  resetDbConnection();
  await deleteDB(DB_NAME);
});

const needsPin = () => {
  const state = sessionStore.get();
  return state.status === 'active' && state.needsPin === true;
};

describe('a first sign-in through the provider on a phone', () => {
  it('asks for a PIN before the app, also after a reload, and keeps only its slow verifier', async () => {
    await completeProviderSignIn('one-time-code');
    expect(needsPin()).toBe(true);
    await loadSession();
    expect(needsPin()).toBe(true);

    expect(await setPin(PIN, PIN)).toEqual({ kind: 'set' });
    expect(needsPin()).toBe(false);
    const verifier = await readVerifier(BO.email);
    expect(verifier).toMatchObject({ secret: 'pin', userId: BO.id, kdf: 'PBKDF2-SHA-256', iterations: PBKDF2_ITERATIONS, failures: 0 });
    expect(JSON.stringify(verifier)).not.toContain(PIN);
    // Nothing of the PIN went to the server.
    expect(server.bodies.join('\n')).not.toContain(PIN);
    await loadSession();
    expect(needsPin()).toBe(false);
  });

  it('refuses a trivial or mistyped PIN and stores nothing', async () => {
    await completeProviderSignIn('one-time-code');
    expect(await setPin('123456', '123456')).toEqual({ kind: 'invalid', problem: 'trivial' });
    expect(await setPin('480372', '480373')).toEqual({ kind: 'invalid', problem: 'mismatch' });
    expect(await setPin('4803', '4803')).toEqual({ kind: 'invalid', problem: 'short' });
    expect(await readVerifier(BO.email)).toBeUndefined();
    expect(needsPin()).toBe(true);
  });

  it('lets no one set a PIN without a server session begun at the provider', async () => {
    expect(await setPin(PIN, PIN)).toEqual({ kind: 'not_allowed' });
    expect(await readVerifier(BO.email)).toBeUndefined();
  });

  it('asks no PIN at the next sign-in: the verifier stays and its 14 days start again', async () => {
    await completeProviderSignIn('code-1');
    await setPin(PIN, PIN);
    const first = (await readVerifier(BO.email))!;
    await logout();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await completeProviderSignIn('code-2');
    expect(needsPin()).toBe(false);
    const again = (await readVerifier(BO.email))!;
    expect(again.hash).toBe(first.hash);
    expect(Date.parse(again.lastServerContactAt)).toBeGreaterThan(Date.parse(first.lastServerContactAt));
  });
});

describe('unlocking offline with the PIN', () => {
  it('counts a wrong PIN as the password unlock counts a wrong password', async () => {
    await completeProviderSignIn('one-time-code');
    await setPin(PIN, PIN);
    goOffline();
    expect(await logout()).toEqual({ provider: 'later' });

    const wrong = await unlockOffline(' Bo@Example.se ', '480373');
    expect(wrong).toMatchObject({ kind: 'wrong', attemptsLeft: MAX_FAILURES - 1, pin: true });
    expect((await readVerifier(BO.email))?.failures).toBe(1);
  });

  it('unlocks with the right PIN into a local session that knows it began at the provider', async () => {
    await completeProviderSignIn('one-time-code');
    await setPin(PIN, PIN);
    goOffline();
    await logout();
    expect(await unlockOffline(BO.email, PIN)).toEqual({ kind: 'unlocked' });
    expect(await readSession()).toMatchObject({ localOnly: true, signIn: 'provider', user: BO, refreshToken: 'refresh-1' });
  });

  it('wipes the PIN after the fifth wrong try in a row, as the password', async () => {
    await completeProviderSignIn('one-time-code');
    await setPin(PIN, PIN);
    goOffline();
    await logout();
    const key = BO.email;
    for (let i = 1; i < MAX_FAILURES; i++) {
      expect((await unlockOffline(key, '000111')).kind).toBe('wrong');
      // The wait after each failure is the policy's; skip it here by clearing retryAt.
      const db = await openHjuletDb();
      await db.put('verifiers', { ...(await db.get('verifiers', key))!, retryAt: null });
    }
    expect(await unlockOffline(key, '000111')).toEqual({ kind: 'wiped', reason: 'failures' });
    expect(await readVerifier(key)).toBeUndefined();
    expect(await unlockOffline(key, PIN)).toEqual({ kind: 'unknown' });
  });

  it('is not wiped by a password login the server refuses with the PIN typed in', async () => {
    await completeProviderSignIn('one-time-code');
    await setPin(PIN, PIN);
    await logout();
    await expect(login(BO.email, PIN)).rejects.toThrow('Wrong email or password');
    expect(await readVerifier(BO.email)).toBeDefined();
  });
});

describe('changing the PIN', () => {
  it('needs the current PIN; a wrong one is a counted try; the new one then unlocks', async () => {
    await completeProviderSignIn('one-time-code');
    await setPin(PIN, PIN);
    expect(await changePin('111000', '735190', '735190')).toMatchObject({ kind: 'wrong', attemptsLeft: MAX_FAILURES - 1 });
    const db = await openHjuletDb();
    await db.put('verifiers', { ...(await db.get('verifiers', BO.email))!, retryAt: null });
    expect(await changePin(PIN, '735190', '735190')).toEqual({ kind: 'set' });
    goOffline();
    await logout();
    expect((await unlockOffline(BO.email, PIN)).kind).toBe('wrong');
    await db.put('verifiers', { ...(await db.get('verifiers', BO.email))!, retryAt: null });
    expect(await unlockOffline(BO.email, '735190')).toEqual({ kind: 'unlocked' });
  });

  it('checks the new PIN before spending a try on the current one', async () => {
    await completeProviderSignIn('one-time-code');
    await setPin(PIN, PIN);
    expect(await changePin('999999', '654321', '654321')).toEqual({ kind: 'invalid', problem: 'trivial' });
    expect((await readVerifier(BO.email))?.failures).toBe(0);
  });

  it('is not possible in a session unlocked offline', async () => {
    await completeProviderSignIn('one-time-code');
    await setPin(PIN, PIN);
    goOffline();
    await logout();
    await unlockOffline(BO.email, PIN);
    expect(await changePin(PIN, '735190', '735190')).toEqual({ kind: 'not_allowed' });
  });
});

describe('logging out of a provider session', () => {
  it('online: ends it through endSession and answers the provider logout URL to go to', async () => {
    await completeProviderSignIn('one-time-code');
    await setPin(PIN, PIN);
    expect(await logout()).toEqual({ provider: 'navigate', url: LOGOUT_URL });
    expect(server.operations).toContain('EndSession');
    expect(server.operations).not.toContain('Logout');
    expect(server.live.has('refresh-1')).toBe(false);
    expect(await readSession()).toBeUndefined();
  });

  it('offline: clears the phone at once, ends it on the server when back, and keeps the provider URL to offer', async () => {
    await completeProviderSignIn('one-time-code');
    await setPin(PIN, PIN);
    goOffline();
    expect(await logout()).toEqual({ provider: 'later' });
    expect(await readSession()).toBeUndefined();
    expect(sessionStore.get()).toEqual({ status: 'anonymous' });
    expect(await endedSessions()).toHaveLength(1);

    goOnline();
    await settleEndedSessions();
    expect(server.live.has('refresh-1')).toBe(false);
    expect(await endedSessions()).toEqual([]);
    expect(await pendingProviderLogout()).toBe(LOGOUT_URL);
    // The next sign-in through the provider is on whatever session is there now: nothing left to offer.
    await completeProviderSignIn('code-2');
    expect(await pendingProviderLogout()).toBeUndefined();
  });
});
