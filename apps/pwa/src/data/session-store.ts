import { clearLastViews } from './dashboard-cache.js';
import { databaseExists, openHjuletDb, type LocalSession, type ReferenceData, type ServerSession, type StoredSession, type CachedTemplate } from './db.js';

/**
 * A note beside the session, read synchronously at start: "someone may be logged in on this phone". When
 * it is absent the first screen is the login screen at once, without waiting for IndexedDB; the session
 * read that follows still decides (a phone logged in before this note existed shows the app a moment later).
 * It holds no personal data.
 */
export const SIGNED_IN_KEY = 'hjulet.signedIn';

export function maybeSignedIn(): boolean {
  try {
    return localStorage.getItem(SIGNED_IN_KEY) === 'yes';
  } catch {
    return true;
  }
}

/** Keeps the note in line with what IndexedDB holds. */
export function noteSignedIn(signedIn: boolean): void {
  try {
    if (signedIn) localStorage.setItem(SIGNED_IN_KEY, 'yes');
    else localStorage.removeItem(SIGNED_IN_KEY);
  } catch {
    // No localStorage (private mode quota): the app waits for IndexedDB at start, as it did before.
  }
}

export async function readSession(): Promise<StoredSession | undefined> {
  if (!(await databaseExists())) return undefined;
  return (await openHjuletDb()).get('session', 'current');
}

export async function writeSession(session: Omit<ServerSession, 'key'> | Omit<LocalSession, 'key'>): Promise<void> {
  await (await openHjuletDb()).put('session', { ...session, key: 'current' });
  noteSignedIn(true);
}

/**
 * Logging out forgets who is logged in, so the next person sees none of their data. The reference data
 * they fetched stays only while they can unlock this phone offline (data/offline-login.ts), which needs
 * it. Drafts, outbox and refused results stay: they are work, and they wait for their owner.
 */
export async function clearSession(userId: string): Promise<void> {
  const tx = (await openHjuletDb()).transaction(['session', 'reference', 'routines', 'verifiers'], 'readwrite');
  await tx.objectStore('session').delete('current');
  if ((await tx.objectStore('verifiers').index('byUser').count(userId)) === 0) {
    await tx.objectStore('reference').delete(userId);
    await tx.objectStore('routines').delete(userId);
  }
  await tx.done;
  await clearLastViews(userId);
  noteSignedIn(false);
}

export async function readReference(userId: string): Promise<ReferenceData | undefined> {
  return (await openHjuletDb()).get('reference', userId);
}

export async function writeReference(data: ReferenceData): Promise<void> {
  await (await openHjuletDb()).put('reference', data);
}

export async function readTemplate(id: string): Promise<CachedTemplate | undefined> {
  return (await openHjuletDb()).get('templates', id);
}

/** Template versions are immutable, so a cached one never goes stale; old ones stay for old drafts. */
export async function writeTemplate(template: CachedTemplate): Promise<void> {
  await (await openHjuletDb()).put('templates', template);
}

export async function readMeta(key: string): Promise<string | undefined> {
  return (await (await openHjuletDb()).get('meta', key))?.value;
}

export async function writeMeta(key: string, value: string): Promise<void> {
  await (await openHjuletDb()).put('meta', { key, value });
}

/** A stable id for this browser profile, sent with each review so support can tell devices apart. */
export async function deviceId(): Promise<string> {
  const existing = await readMeta('deviceId');
  if (existing) return existing;
  const id = crypto.randomUUID();
  await writeMeta('deviceId', id);
  return id;
}
