import type { OfflineVerifier } from '../data/db.js';
import { replaceVerifier } from '../data/offline-login.js';
import { readSession } from '../data/session-store.js';
import { createVerifier, normaliseEmail } from './offline-verifier.js';
import { newPinProblem, type PinProblem } from './pin-policy.js';
import { pinSet } from './session.js';
import { tryVerifier, type TryResult } from './verifier-try.js';

/*
 * The PIN of a user who signs in through the identity provider (issue 12, docs/security.md). Only its
 * slow verifier is kept, on this phone; nothing of it goes to the server. Setting one needs a server
 * session begun at the provider; changing one needs the current PIN too, tried under the same limits as
 * an offline unlock, so a phone left signed in gives no way to guess it or to replace it unseen.
 */

export type SetPinResult = { kind: 'set' } | { kind: 'invalid'; problem: PinProblem } | { kind: 'not_allowed' };

/** Sets the PIN of the provider user signed in online on this phone (after their first sign-in here). */
export async function setPin(pin: string, repeated: string): Promise<SetPinResult> {
  const problem = newPinProblem(pin, repeated);
  if (problem) return { kind: 'invalid', problem };
  const session = await readSession();
  if (!session || session.localOnly || session.signIn !== 'provider') return { kind: 'not_allowed' };
  const secret = await createVerifier(pin);
  const verifier: OfflineVerifier = {
    ...secret,
    secret: 'pin',
    email: normaliseEmail(session.user.email),
    userId: session.user.id,
    user: session.user,
    lastServerContactAt: new Date().toISOString(),
    failures: 0,
    retryAt: null,
  };
  await replaceVerifier(verifier);
  pinSet();
  return { kind: 'set' };
}

export type ChangePinResult = SetPinResult | Exclude<TryResult, { kind: 'right' }>;

/**
 * Changes the PIN: the new one is checked first (a typo costs no try), then the current one is tried.
 * Too many wrong tries wipe the verifier as at the unlock; the next sign-in with the provider sets a new PIN.
 */
export async function changePin(current: string, pin: string, repeated: string): Promise<ChangePinResult> {
  const problem = newPinProblem(pin, repeated);
  if (problem) return { kind: 'invalid', problem };
  const session = await readSession();
  if (!session || session.localOnly || session.signIn !== 'provider') return { kind: 'not_allowed' };
  const tried = await tryVerifier(normaliseEmail(session.user.email), current);
  if (tried.kind !== 'right') return tried;
  return setPin(pin, repeated);
}
