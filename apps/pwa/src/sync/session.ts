import { clearSession, maybeSignedIn, noteSignedIn, readSession, writeSession } from '../data/session-store.js';
import {
  dropEndedSession,
  dropProviderLogout,
  endedSessions,
  hasVerifierFor,
  holdEndedSession,
  holdProviderLogout,
  pendingProviderLogout as readProviderLogout,
  noteServerContact,
  readVerifier,
  renewVerifierOf,
  replaceVerifier,
  takeEndedSession,
  wipeVerifier,
  wipeVerifiersWhere,
} from '../data/offline-login.js';
import type { EndedSession, LocalSession, ServerSession, StoredSession, StoredUser } from '../data/db.js';
import { userFromWire } from './enum-casing.js';
import {
  CompleteSignInDocument,
  CompleteSignInWithPasskeyDocument,
  CompleteSignInWithTotpDocument,
  EndSessionDocument,
  LogoutDocument,
  RefreshDocument,
  SignInDocument,
} from './operations.js';
import { GraphQLRequestError, graphqlRequest } from './graphql-client.js';
import { checkVerifier, createVerifier, normaliseEmail } from './offline-verifier.js';
import { createStore } from './store.js';
import { isExpired } from './unlock-policy.js';
import { tryVerifier } from './verifier-try.js';

export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous' }
  /**
   * `expired`: the refresh token of a server session no longer works; work waits for a new login.
   * A session unlocked offline (`session.localOnly`) works on the phone and waits for a server session.
   * `needsPin`: signed in through the provider on a phone with no verifier for them; a PIN is set first.
   */
  | { status: 'active'; session: StoredSession; expired: boolean; needsPin?: boolean };

// With no one logged in on this phone, the login screen shows at once; loadSession() then confirms.
export const sessionStore = createStore<SessionState>(maybeSignedIn() ? { status: 'loading' } : { status: 'anonymous' });

/** A login that cannot reach the server within this falls back to the offline unlock. */
const LOGIN_TIMEOUT_MS = 20_000;

const isOnline = () => typeof navigator === 'undefined' || navigator.onLine;
const unauthenticated = (message: string) => new GraphQLRequestError({ kind: 'unauthenticated', message });
const isFailure = (error: unknown, ...kinds: string[]) => error instanceof GraphQLRequestError && kinds.includes(error.failure.kind);

function setActive(session: StoredSession, needsPin = false): void {
  sessionStore.set({ status: 'active', session, expired: false, needsPin });
}

/** A provider user with no verifier on this phone sets a PIN before working (sync/pin.ts). */
async function needsPin(session: Omit<StoredSession, 'key'>): Promise<boolean> {
  return !session.localOnly && session.signIn === 'provider' && !(await hasVerifierFor(session.user.id));
}

export async function loadSession(): Promise<void> {
  // Verifiers 14 days past their last server contact go, with the recipient lists they kept.
  const now = Date.now();
  await wipeVerifiersWhere((v) => isExpired(Date.parse(v.lastServerContactAt), now)).catch(() => undefined);
  const session = await readSession();
  noteSignedIn(session !== undefined);
  providerLogoutStore.set((await readProviderLogout().catch(() => undefined)) ?? null);
  sessionStore.set(session ? { status: 'active', session, expired: false, needsPin: await needsPin(session) } : { status: 'anonymous' });
}

/** The second factor a sign-in waits for (or, under the municipality's policy, the enrolment of one). */
export interface SecondStep {
  challenge: string;
  methods: Array<'TOTP' | 'PASSKEY'>;
  mustEnrol: boolean;
  passkeyOptionsJson: string | null;
}

export type LoginOutcome = { kind: 'signed_in' } | { kind: 'second_step'; step: SecondStep };

/** The password of a sign-in that waits for its second step, for the offline verifier stored when it ends. */
let pendingVerifier: { email: string; verifier: Promise<Awaited<ReturnType<typeof createVerifier>> | null> } | null = null;

type WireSession = Omit<ServerSession, 'key' | 'user'> & { user: Omit<StoredUser, 'role' | 'unitId'> & Parameters<typeof userFromWire>[0] };

/**
 * Logs in with the server. The offline verifier is derived while the request is under way (so the login
 * waits no longer), and stored once the server accepted the password (and the second factor, when the
 * account has one). A password the server refuses but the phone's verifier accepts has been changed, or
 * the account closed: that verifier is wiped.
 */
export async function login(email: string, password: string): Promise<LoginOutcome> {
  const verifier = createVerifier(password).catch(() => null);
  let data;
  try {
    data = await graphqlRequest(SignInDocument, { email, password }, null, { timeoutMs: LOGIN_TIMEOUT_MS });
  } catch (error) {
    if (isFailure(error, 'unauthenticated')) await wipeIfServerRefuses(email, password);
    throw error;
  }
  const { session, secondStep } = data.signIn;
  if (secondStep) {
    pendingVerifier = { email, verifier };
    return { kind: 'second_step', step: secondStep as SecondStep };
  }
  if (!session) throw unauthenticated('No session');
  await startServerSession(email, verifier, session);
  return { kind: 'signed_in' };
}

/** Ends the second step with a code from the authenticator app, or a passkey's answer (JSON). */
export async function completeSecondStep(challenge: string, answer: { code: string } | { passkeyResponse: string }): Promise<void> {
  const session =
    'code' in answer
      ? (await graphqlRequest(CompleteSignInWithTotpDocument, { challenge, code: answer.code }, null, { timeoutMs: LOGIN_TIMEOUT_MS })).completeSignInWithTotp
      : (await graphqlRequest(CompleteSignInWithPasskeyDocument, { challenge, response: answer.passkeyResponse }, null, { timeoutMs: LOGIN_TIMEOUT_MS }))
          .completeSignInWithPasskey;
  const pending = pendingVerifier;
  pendingVerifier = null;
  await startServerSession(pending?.email ?? session.user.email, pending?.verifier ?? Promise.resolve(null), session);
}

async function startServerSession(email: string, verifier: Promise<Awaited<ReturnType<typeof createVerifier>> | null>, wire: WireSession): Promise<void> {
  const session: Omit<ServerSession, 'key'> = { ...wire, user: userFromWire(wire.user) };
  await begin(session);
  const secret = await verifier;
  if (secret) {
    await replaceVerifier({
      ...secret,
      email: normaliseEmail(email),
      userId: session.user.id,
      user: session.user,
      lastServerContactAt: new Date().toISOString(),
      failures: 0,
      retryAt: null,
    });
  }
  setActive({ ...session, key: 'current' });
  afterSignIn();
}

/**
 * Finishes a sign-in through the municipality's identity provider: the API sent the browser back with a
 * one-time code (#oidc_code=…), exchanged here for the session. There is no local password to derive the
 * offline verifier from: on a phone with none for this user, they set a PIN first (`needsPin`, sync/pin.ts).
 * A verifier they have here already is kept, and its 14 days start again (a sign-in is server contact).
 */
export async function completeProviderSignIn(code: string): Promise<void> {
  const data = await graphqlRequest(CompleteSignInDocument, { code }, null, { timeoutMs: LOGIN_TIMEOUT_MS });
  const session: Omit<ServerSession, 'key'> = { ...data.completeSignIn, user: userFromWire(data.completeSignIn.user), signIn: 'provider' };
  await begin(session);
  await renewVerifierOf(session.user, normaliseEmail(session.user.email));
  // Whatever provider session an earlier user left here, this sign-in is on it now.
  await dropProviderLogout();
  providerLogoutStore.set(null);
  setActive({ ...session, key: 'current' }, await needsPin(session));
  afterSignIn();
}

/** The PIN is set (sync/pin.ts): the app opens. */
export function pinSet(): void {
  const current = sessionStore.get();
  if (current.status === 'active') sessionStore.set({ ...current, needsPin: false });
}

async function begin(session: Omit<ServerSession, 'key'>): Promise<void> {
  // A session this login replaces (an expired one, or one unlocked offline) is ended on the server too;
  // only there: whoever signs in now may be using the provider's session.
  const previous = await readSession();
  if (previous?.refreshToken && previous.refreshTokenExpiresAt)
    await holdEndedSession(endedOf(previous, previous.refreshToken, previous.refreshTokenExpiresAt, undefined));
  await writeSession(session);
}

function afterSignIn(): void {
  // Ask the browser not to evict our data under storage pressure; results may wait days for a signal.
  void navigator.storage?.persist?.().catch(() => false);
  void settleEndedSessions().catch(() => undefined);
}

async function wipeIfServerRefuses(email: string, password: string): Promise<void> {
  const verifier = await readVerifier(normaliseEmail(email));
  // A PIN is not the server's: the server refusing it as a password says nothing about it.
  if (verifier && verifier.secret !== 'pin' && (await checkVerifier(password, verifier).catch(() => false))) await wipeVerifier(verifier.email);
}

export type UnlockResult =
  | { kind: 'unlocked' }
  /** No verifier for this email on this phone: the first login needs the server. */
  | { kind: 'unknown' }
  | { kind: 'wrong'; retryAt: number; attemptsLeft: number; pin: boolean }
  | { kind: 'wait'; retryAt: number }
  /** The verifier is gone: 14 days without the server, or too many failed tries. */
  | { kind: 'wiped'; reason: 'expired' | 'failures' };

/**
 * Unlocks the phone offline for a user who logged in on it before (docs/security.md), with the password,
 * or the PIN of a user who signs in through the identity provider. The result is a local session: the
 * user works and queues results, and sync waits until the server has a session.
 */
export async function unlockOffline(email: string, secret: string): Promise<UnlockResult> {
  const now = Date.now();
  const tried = await tryVerifier(normaliseEmail(email), secret, now);
  if (tried.kind !== 'right') return tried;

  // The user's own session ended offline and not yet revoked: kept, to be used when the network is back.
  let ended = await takeEndedSession(tried.verifier.userId);
  if (ended && Date.parse(ended.refreshTokenExpiresAt) <= now) ended = undefined;
  const session: Omit<LocalSession, 'key'> = {
    localOnly: true,
    user: tried.verifier.user,
    ...(tried.verifier.secret === 'pin' ? { signIn: 'provider' as const } : {}),
    unlockedAt: new Date(now).toISOString(),
    refreshToken: ended?.refreshToken ?? null,
    refreshTokenExpiresAt: ended?.refreshTokenExpiresAt ?? null,
  };
  await writeSession(session);
  setActive({ ...session, key: 'current' });
  return { kind: 'unlocked' };
}

/** Whether `email` can be unlocked offline on this phone now (a verifier exists and is not too old). */
export async function canUnlockOffline(email: string): Promise<boolean> {
  const verifier = await readVerifier(normaliseEmail(email));
  return verifier !== undefined && !isExpired(Date.parse(verifier.lastServerContactAt), Date.now());
}

let refreshing: Promise<string> | undefined;

/**
 * A refresh token is single-use, so concurrent callers share one refresh. Its answer is a server session,
 * also for a session unlocked offline that kept the user's earlier refresh token.
 */
async function refresh(session: StoredSession, refreshToken: string): Promise<string> {
  refreshing ??= (async () => {
    try {
      const data = await graphqlRequest(RefreshDocument, { refreshToken }, null);
      // The same session family: it began at the provider or it did not (logout depends on it).
      const next: Omit<ServerSession, 'key'> = {
        ...data.refreshSession,
        user: userFromWire(data.refreshSession.user),
        ...(session.signIn ? { signIn: session.signIn } : {}),
      };
      await writeSession(next);
      await noteServerContact(next.user.id);
      const current = sessionStore.get();
      setActive({ ...next, key: 'current' }, current.status === 'active' && current.needsPin === true);
      return next.accessToken;
    } catch (error) {
      if (isFailure(error, 'unauthenticated')) {
        if (session.localOnly) {
          // The kept token is dead: the user is asked for the password (features/auth/ReloginPrompt).
          const local: Omit<LocalSession, 'key'> = { ...session, refreshToken: null, refreshTokenExpiresAt: null };
          await writeSession(local);
          setActive({ ...local, key: 'current' });
        } else sessionStore.set({ status: 'active', session, expired: true });
      }
      throw error;
    } finally {
      refreshing = undefined;
    }
  })();
  return refreshing;
}

/**
 * A usable access token, refreshed when it is about to expire. Throws when offline or the session ended.
 * A session unlocked offline has none until its kept refresh token, or a login with the password, gets one.
 */
export async function accessToken(forceRefresh = false): Promise<string> {
  const session = await readSession();
  if (!session) throw unauthenticated('not logged in');
  if (session.localOnly) {
    if (!isOnline()) throw new GraphQLRequestError({ kind: 'offline', message: 'offline' });
    if (!session.refreshToken) throw unauthenticated('unlocked offline: log in with the password to sync');
    return refresh(session, session.refreshToken);
  }
  const expiresSoon = Date.parse(session.accessTokenExpiresAt) - Date.now() < 30_000;
  return forceRefresh || expiresSoon ? refresh(session, session.refreshToken) : session.accessToken;
}

/** A call in this user's session reached the server: their offline verifier's 14 days start again. */
export async function serverContact(userId: string): Promise<void> {
  await noteServerContact(userId).catch(() => undefined);
}

const endedOf = (session: StoredSession, refreshToken: string, refreshTokenExpiresAt: string, signIn = session.signIn): EndedSession => ({
  userId: session.user.id,
  refreshToken,
  refreshTokenExpiresAt,
  endedAt: new Date().toISOString(),
  ...(signIn ? { signIn } : {}),
});

/** What a logout left to do at the identity provider. */
export type LogoutResult =
  /** Go here so the provider's session ends too (RP-initiated logout), with id_token_hint and the way back. */
  | { provider: 'navigate'; url: string }
  /** Offline: the phone's session is over, the provider's is not yet (settleEndedSessions finishes it). */
  | { provider: 'later' }
  /** Nothing: a local password, or a provider without an end-session endpoint. */
  | { provider: 'none' };

/**
 * Ends the session on this phone. Unsynced work stays on the phone for its owner's next login. The
 * server revokes the refresh token at once when online; offline, the token is kept aside and revoked at
 * the next contact with the server (or used by its owner, if they unlock the phone again before that).
 * A session begun at the identity provider is ended through endSession, which also says where to send
 * the browser to end the provider's session: the caller navigates there.
 */
export async function logout(): Promise<LogoutResult> {
  const session = await readSession();
  if (!session) return { provider: 'none' };
  let result: LogoutResult = { provider: 'none' };
  if (session.refreshToken && session.refreshTokenExpiresAt) {
    const ended = endedOf(session, session.refreshToken, session.refreshTokenExpiresAt);
    // Kept before the request: if the app closes before the server answers, it is revoked later.
    await holdEndedSession(ended);
    const url = isOnline() ? await revoke(ended) : undefined;
    if (url) result = { provider: 'navigate', url };
    else if (url === undefined && ended.signIn === 'provider') result = { provider: 'later' };
  } else if (session.signIn === 'provider') result = { provider: 'later' };
  await clearSession(session.user.id);
  sessionStore.set({ status: 'anonymous' });
  return result;
}

/**
 * Revokes an ended session on the server. Answers the provider's logout URL (null: none to visit), or
 * undefined when the server could not be reached and the session stays held for later.
 */
async function revoke(ended: EndedSession): Promise<string | null | undefined> {
  try {
    let url: string | null = null;
    if (ended.signIn === 'provider')
      url = (await graphqlRequest(EndSessionDocument, { refreshToken: ended.refreshToken }, null, { timeoutMs: 5_000 })).endSession.providerLogoutUrl ?? null;
    else await graphqlRequest(LogoutDocument, { refreshToken: ended.refreshToken }, null, { timeoutMs: 5_000 });
    await dropEndedSession(ended);
    return url;
  } catch (error) {
    // Refused: the server will never take it, so it is of no use to anyone. Otherwise: later.
    if (isFailure(error, 'refused', 'unauthenticated')) {
      await dropEndedSession(ended);
      return null;
    }
    return undefined;
  }
}

/**
 * The provider logout URL a provider session ended offline left, once the server revoked it: the login
 * screen offers it (read at start, set when the sessions are settled).
 */
export const providerLogoutStore = createStore<string | null>(null);

export async function pendingProviderLogout(): Promise<string | undefined> {
  return readProviderLogout();
}

/** Takes that URL, once: the caller sends the browser there, and the provider sends it back. */
export async function takePendingProviderLogout(): Promise<string | undefined> {
  const url = await readProviderLogout();
  await dropProviderLogout();
  providerLogoutStore.set(null);
  return url;
}

/**
 * Revokes the sessions ended offline; call when the network is back. Expired tokens are just forgotten.
 * A provider session ended offline leaves its provider logout URL for the login screen to offer: sending
 * whoever holds the phone now to the provider unasked would be a surprise.
 */
export async function settleEndedSessions(): Promise<void> {
  if (!isOnline()) return;
  for (const ended of await endedSessions()) {
    if (Date.parse(ended.refreshTokenExpiresAt) <= Date.now()) await dropEndedSession(ended);
    else {
      const url = await revoke(ended);
      if (url) {
        await holdProviderLogout(url);
        providerLogoutStore.set(url);
      }
    }
  }
}
