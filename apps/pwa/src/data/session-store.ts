import { clearLastViews } from './dashboard-cache.js';
import { openHjuletDb, type ReferenceData, type StoredSession, type CachedTemplate } from './db.js';

export async function readSession(): Promise<StoredSession | undefined> {
  return (await openHjuletDb()).get('session', 'current');
}

export async function writeSession(session: Omit<StoredSession, 'key'>): Promise<void> {
  await (await openHjuletDb()).put('session', { ...session, key: 'current' });
}

/**
 * Logging out forgets who is logged in and the reference data they fetched, so the next person sees
 * none of it. Drafts, outbox and refused results stay: they are work, and they wait for their owner.
 */
export async function clearSession(userId: string): Promise<void> {
  const tx = (await openHjuletDb()).transaction(['session', 'reference'], 'readwrite');
  await tx.objectStore('session').delete('current');
  await tx.objectStore('reference').delete(userId);
  await tx.done;
  await clearLastViews(userId);
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
