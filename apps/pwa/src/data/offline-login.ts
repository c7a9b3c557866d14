import { databaseExists, openHjuletDb, type EndedSession, type OfflineVerifier, type StoredUser } from './db.js';

/*
 * What the phone keeps so that a user it knows can unlock it offline (docs/security.md): one verifier per
 * normalised email, and the refresh tokens of sessions ended offline until the server has revoked them.
 * A user's reference data (the unit's recipient list, their open actions) stays on the phone after
 * logout exactly as long as their verifier does, so that an offline unlock has something to work with.
 */

export async function readVerifier(email: string): Promise<OfflineVerifier | undefined> {
  return (await openHjuletDb()).get('verifiers', email);
}

export async function hasVerifierFor(userId: string): Promise<boolean> {
  return (await (await openHjuletDb()).countFromIndex('verifiers', 'byUser', userId)) > 0;
}

/** Stores a new verifier for the user, and forgets any other email of theirs (the login changed). */
export async function replaceVerifier(verifier: OfflineVerifier): Promise<void> {
  const tx = (await openHjuletDb()).transaction('verifiers', 'readwrite');
  for (const old of await tx.store.index('byUser').getAll(verifier.userId)) if (old.email !== verifier.email) await tx.store.delete(old.email);
  await tx.store.put(verifier);
  await tx.done;
}

/**
 * Changes a verifier in one transaction (so two tabs cannot both spend the same try). `change` returns
 * the new record, `null` to wipe it, or `undefined` to leave it; the result of `change` is returned.
 */
export async function updateVerifier<T>(
  email: string,
  change: (current: OfflineVerifier | undefined) => { next: OfflineVerifier | null | undefined; result: T },
): Promise<T> {
  const db = await openHjuletDb();
  const tx = db.transaction(['verifiers', 'reference', 'routines', 'session'], 'readwrite');
  const current = await tx.objectStore('verifiers').get(email);
  const { next, result } = change(current);
  if (next) await tx.objectStore('verifiers').put(next);
  else if (next === null && current) {
    await tx.objectStore('verifiers').delete(email);
    const session = await tx.objectStore('session').get('current');
    if (session?.user.id !== current.userId) {
      await tx.objectStore('reference').delete(current.userId);
      await tx.objectStore('routines').delete(current.userId);
    }
  }
  await tx.done;
  return result;
}

/** Wipes the verifier of `email` (and the reference data it kept, unless its user is logged in). */
export async function wipeVerifier(email: string): Promise<void> {
  await updateVerifier(email, () => ({ next: null, result: undefined }));
}

/** Wipes every verifier `expired` says is too old, with the reference data kept for it. */
export async function wipeVerifiersWhere(expired: (verifier: OfflineVerifier) => boolean): Promise<void> {
  const all = await (await openHjuletDb()).getAll('verifiers');
  for (const verifier of all.filter(expired)) await wipeVerifier(verifier.email);
}

/** A successful call to the server in this user's session: the 14 days start again. */
export async function noteServerContact(userId: string, at: Date = new Date()): Promise<void> {
  const tx = (await openHjuletDb()).transaction('verifiers', 'readwrite');
  for (const verifier of await tx.store.index('byUser').getAll(userId)) await tx.store.put({ ...verifier, lastServerContactAt: at.toISOString() });
  await tx.done;
}

/**
 * A sign-in through the provider by a user with a verifier here (a PIN, or the password of a local
 * account too): the verifier stays, under their email as the server now has it, with their profile, and
 * its 14 days start again.
 */
export async function renewVerifierOf(user: StoredUser, email: string, at: Date = new Date()): Promise<void> {
  const tx = (await openHjuletDb()).transaction('verifiers', 'readwrite');
  const [latest, ...older] = (await tx.store.index('byUser').getAll(user.id)).sort((a, b) => b.lastServerContactAt.localeCompare(a.lastServerContactAt));
  for (const old of [latest, ...older]) if (old) await tx.store.delete(old.email);
  if (latest) await tx.store.put({ ...latest, email, user, lastServerContactAt: at.toISOString() });
  await tx.done;
}

/*
 * The provider logout URL of a provider session ended offline, kept once the server has revoked the
 * session, until someone on this phone follows it (the login screen offers it) or signs in again.
 */
const PROVIDER_LOGOUT = 'pendingProviderLogout';

export async function holdProviderLogout(url: string): Promise<void> {
  await (await openHjuletDb()).put('meta', { key: PROVIDER_LOGOUT, value: url });
}

export async function pendingProviderLogout(): Promise<string | undefined> {
  if (!(await databaseExists())) return undefined;
  return (await (await openHjuletDb()).get('meta', PROVIDER_LOGOUT))?.value;
}

export async function dropProviderLogout(): Promise<void> {
  await (await openHjuletDb()).delete('meta', PROVIDER_LOGOUT);
}

export async function holdEndedSession(ended: EndedSession): Promise<void> {
  await (await openHjuletDb()).put('endedSessions', ended);
}

export async function endedSessions(): Promise<EndedSession[]> {
  return (await openHjuletDb()).getAll('endedSessions');
}

/** Takes the user's latest ended session back (they unlocked again before it was revoked). */
export async function takeEndedSession(userId: string): Promise<EndedSession | undefined> {
  const tx = (await openHjuletDb()).transaction('endedSessions', 'readwrite');
  const held = await tx.store.index('byUser').getAll(userId);
  const latest = held.sort((a, b) => b.endedAt.localeCompare(a.endedAt))[0];
  if (latest) await tx.store.delete(latest.refreshToken);
  await tx.done;
  return latest;
}

/** The server revoked it, or it can no longer be used: forget it. */
export async function dropEndedSession(ended: EndedSession): Promise<void> {
  await (await openHjuletDb()).delete('endedSessions', ended.refreshToken);
}
