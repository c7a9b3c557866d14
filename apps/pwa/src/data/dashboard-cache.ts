import { openHjuletDb } from './db.js';

/*
 * The supervisors' last dashboard view, kept so it opens offline, marked with when it was fetched. One
 * entry per user and view, in the `meta` store (no new object store, so no version bump); logging out
 * deletes the user's entries with the rest of their session data.
 */

export interface LastView<T> {
  fetchedAt: string;
  data: T;
}

const keyOf = (userId: string, view: string) => `lastView:${userId}:${view}`;

export async function saveLastView<T>(userId: string, view: string, data: T, fetchedAt = new Date().toISOString()): Promise<void> {
  const value = JSON.stringify({ fetchedAt, data } satisfies LastView<T>);
  await (await openHjuletDb()).put('meta', { key: keyOf(userId, view), value });
}

export async function readLastView<T>(userId: string, view: string): Promise<LastView<T> | undefined> {
  const stored = await (await openHjuletDb()).get('meta', keyOf(userId, view));
  return stored ? (JSON.parse(stored.value) as LastView<T>) : undefined;
}

/** Every saved view of a user, for logout. */
export async function clearLastViews(userId: string): Promise<void> {
  const db = await openHjuletDb();
  const prefix = keyOf(userId, '');
  const keys = (await db.getAllKeys('meta')).filter((key) => key.startsWith(prefix));
  const tx = db.transaction('meta', 'readwrite');
  await Promise.all([...keys.map((key) => tx.store.delete(key)), tx.done]);
}
