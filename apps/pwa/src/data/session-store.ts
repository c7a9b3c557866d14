import { openHjuletDb, type LocalSession, type ReferenceData, type ServerSession, type StoredSession, type CachedTemplate } from './db.js';

export async function readSession(): Promise<StoredSession | undefined> {
  return (await openHjuletDb()).get('session', 'current');
}

export async function writeSession(session: Omit<ServerSession, 'key'> | Omit<LocalSession, 'key'>): Promise<void> {
  await (await openHjuletDb()).put('session', { ...session, key: 'current' });
}

/**
 * Logging out forgets who is logged in, so the next person sees none of their data. The reference data
 * they fetched stays only while they can unlock this phone offline (data/offline-login.ts), which needs
 * it. Drafts, outbox and refused results stay: they are work, and they wait for their owner.
 */
export async function clearSession(userId: string): Promise<void> {
  const tx = (await openHjuletDb()).transaction(['session', 'reference', 'verifiers'], 'readwrite');
  await tx.objectStore('session').delete('current');
  if ((await tx.objectStore('verifiers').index('byUser').count(userId)) === 0) await tx.objectStore('reference').delete(userId);
  await tx.done;
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
