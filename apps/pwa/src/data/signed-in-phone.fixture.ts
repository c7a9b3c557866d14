import { deleteDB } from 'idb';
import { afterEach, beforeEach } from 'vitest';
import { DB_NAME, openHjuletDb, resetDbConnection, type StoredUser } from './db.js';
import { writeSession } from './session-store.js';

/** Stores a session for `user` whose tokens are valid around `now`: what a phone holds after signing in. */
export async function signInOnPhone(user: StoredUser, now: number): Promise<void> {
  await writeSession({
    user,
    accessToken: 'token-1',
    accessTokenExpiresAt: new Date(now + 3_600_000).toISOString(),
    refreshToken: 'refresh-1',
    refreshTokenExpiresAt: new Date(now + 86_400_000).toISOString(),
  });
}

/** Closes and deletes the phone's database, so the next test starts on an empty phone. */
export async function wipePhone(): Promise<void> {
  (await openHjuletDb()).close();
  resetDbConnection();
  await deleteDB(DB_NAME);
}

/** Each test of the file on a fresh phone with `user` signed in, wiped afterwards. */
export function useSignedInPhone(user: StoredUser, now: number): void {
  beforeEach(() => signInOnPhone(user, now));
  afterEach(wipePhone);
}
