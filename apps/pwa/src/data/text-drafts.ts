import { openHjuletDb } from './db.js';

/*
 * Text being typed outside a review draft (a decline reason, the reason for discarding or handing over a
 * refused result), kept per user and per field so that a closed or reloaded page loses nothing. Kept in
 * the meta store: a few short strings that are deleted when the form they belong to is saved.
 */

export const textDraftKey = (userId: string, scope: string) => `text:${userId}:${scope}`;

export async function readTextDraft(userId: string, scope: string): Promise<string | undefined> {
  return (await (await openHjuletDb()).get('meta', textDraftKey(userId, scope)))?.value;
}

export async function writeTextDraft(userId: string, scope: string, value: string): Promise<void> {
  await (await openHjuletDb()).put('meta', { key: textDraftKey(userId, scope), value });
}

export async function clearTextDraft(userId: string, scope: string): Promise<void> {
  await (await openHjuletDb()).delete('meta', textDraftKey(userId, scope));
}
