import type { OfflineVerifier } from '../data/db.js';
import { updateVerifier, wipeVerifier } from '../data/offline-login.js';
import { checkVerifier } from './offline-verifier.js';
import { afterCheck, beforeAttempt, type AttemptState } from './unlock-policy.js';

/*
 * One try of a secret (password or PIN) against the phone's verifier, under the attempt limits of
 * unlock-policy.ts. The offline unlock and the PIN change both spend their tries here, so neither gives
 * a free guess: the try is counted in one transaction before the slow check, and undone only when right.
 */

export type TryResult =
  | { kind: 'right'; verifier: OfflineVerifier }
  /** No verifier for this email on this phone. */
  | { kind: 'unknown' }
  /** `pin`: the verifier is of a PIN, so the message says PIN rather than password. */
  | { kind: 'wrong'; retryAt: number; attemptsLeft: number; pin: boolean }
  | { kind: 'wait'; retryAt: number }
  /** The verifier is gone: 14 days without the server, or too many failed tries. */
  | { kind: 'wiped'; reason: 'expired' | 'failures' };

const attemptStateOf = (v: OfflineVerifier): AttemptState => ({
  failures: v.failures,
  retryAt: v.retryAt === null ? null : Date.parse(v.retryAt),
  lastServerContactAt: Date.parse(v.lastServerContactAt),
});

const withAttemptState = (v: OfflineVerifier, state: AttemptState): OfflineVerifier => ({
  ...v,
  failures: state.failures,
  retryAt: state.retryAt === null ? null : new Date(state.retryAt).toISOString(),
});

/** Tries `secret` against the verifier kept under `key` (a normalised email). */
export async function tryVerifier(key: string, secret: string, now: number = Date.now()): Promise<TryResult> {
  type Gate = Exclude<TryResult, { kind: 'right' | 'wrong' }> | { kind: 'check'; verifier: OfflineVerifier; pending: AttemptState };
  // One transaction decides and counts the try, before the (slow) check.
  const gate = await updateVerifier<Gate>(key, (verifier) => {
    if (!verifier) return { next: undefined, result: { kind: 'unknown' } };
    const decided = beforeAttempt(attemptStateOf(verifier), now);
    if (decided.kind === 'wipe') return { next: null, result: { kind: 'wiped', reason: decided.reason } };
    if (decided.kind === 'wait') return { next: undefined, result: decided };
    return { next: withAttemptState(verifier, decided.pending), result: { kind: 'check', verifier, pending: decided.pending } };
  });
  if (gate.kind !== 'check') return gate;

  const outcome = afterCheck(gate.pending, await checkVerifier(secret, gate.verifier).catch(() => false));
  if (outcome.kind === 'wipe') {
    await wipeVerifier(key);
    return { kind: 'wiped', reason: 'failures' };
  }
  if (outcome.kind === 'wrong') return { ...outcome, pin: gate.verifier.secret === 'pin' };
  await updateVerifier(key, (current) => ({
    next: current?.hash === gate.verifier.hash ? withAttemptState(current, { ...attemptStateOf(current), failures: 0, retryAt: null }) : undefined,
    result: undefined,
  }));
  return { kind: 'right', verifier: gate.verifier };
}
