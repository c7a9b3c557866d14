import { clearSession, maybeSignedIn, noteSignedIn, readSession, writeSession } from '../data/session-store.js';
import type { StoredSession } from '../data/db.js';
import { userFromWire } from './enum-casing.js';
import { LoginDocument, LogoutDocument, RefreshDocument } from './operations.js';
import { GraphQLRequestError, graphqlRequest } from './graphql-client.js';
import { createStore } from './store.js';

export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous' }
  /** `expired`: the refresh token no longer works; work goes on offline and waits for a new login. */
  | { status: 'active'; session: StoredSession; expired: boolean };

// With no one logged in on this phone, the login screen shows at once; loadSession() then confirms.
export const sessionStore = createStore<SessionState>(maybeSignedIn() ? { status: 'loading' } : { status: 'anonymous' });

type Payload = Omit<StoredSession, 'key'>;

export async function loadSession(): Promise<void> {
  const session = await readSession();
  noteSignedIn(session !== undefined);
  sessionStore.set(session ? { status: 'active', session, expired: false } : { status: 'anonymous' });
}

export async function login(email: string, password: string): Promise<void> {
  const data = await graphqlRequest(LoginDocument, { email, password }, null);
  const session: Payload = { ...data.login, user: userFromWire(data.login.user) };
  await writeSession(session);
  sessionStore.set({ status: 'active', session: { ...session, key: 'current' }, expired: false });
  // Ask the browser not to evict our data under storage pressure; results may wait days for a signal.
  void navigator.storage?.persist?.().catch(() => false);
}

let refreshing: Promise<string> | undefined;

/** A refresh token is single-use, so concurrent callers share one refresh. */
async function refresh(session: StoredSession): Promise<string> {
  refreshing ??= (async () => {
    try {
      const data = await graphqlRequest(RefreshDocument, { refreshToken: session.refreshToken }, null);
      const next: Payload = { ...data.refreshSession, user: userFromWire(data.refreshSession.user) };
      await writeSession(next);
      sessionStore.set({ status: 'active', session: { ...next, key: 'current' }, expired: false });
      return next.accessToken;
    } catch (error) {
      if (error instanceof GraphQLRequestError && error.failure.kind === 'unauthenticated') {
        sessionStore.set({ status: 'active', session, expired: true });
      }
      throw error;
    } finally {
      refreshing = undefined;
    }
  })();
  return refreshing;
}

/** A usable access token, refreshed when it is about to expire. Throws when offline or the session ended. */
export async function accessToken(forceRefresh = false): Promise<string> {
  const session = await readSession();
  if (!session) throw new GraphQLRequestError({ kind: 'unauthenticated', message: 'not logged in' });
  const expiresSoon = Date.parse(session.accessTokenExpiresAt) - Date.now() < 30_000;
  return forceRefresh || expiresSoon ? refresh(session) : session.accessToken;
}

/** Ends the session on this phone. Unsynced work stays on the phone for its owner's next login. */
export async function logout(): Promise<void> {
  const session = await readSession();
  if (!session) return;
  await graphqlRequest(LogoutDocument, { refreshToken: session.refreshToken }, null, { timeoutMs: 5_000 }).catch(() => undefined);
  await clearSession(session.user.id);
  sessionStore.set({ status: 'anonymous' });
}
