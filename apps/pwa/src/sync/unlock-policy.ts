/*
 * When a user may try to unlock the phone offline, and what a failed try costs (docs/security.md).
 * Pure functions of the stored state and the time, so the rules are tested without a clock or a browser.
 *
 * - Failed tries wait 15 s, 30 s, 60 s, 120 s (doubling); the 5th failure in a row wipes the verifier.
 * - A verifier is wiped 14 days after the phone's last contact with the server in this user's session,
 *   and when the clock stands more than an hour before that contact (a clock turned back to stretch it).
 * - A try counts as failed from the moment it starts until the password is found right, so closing the
 *   app in the middle of a check gives no free try.
 */

export const MAX_FAILURES = 5;
export const BACKOFF_BASE_MS = 15_000;
export const VERIFIER_MAX_AGE_MS = 14 * 24 * 60 * 60 * 1000;
export const CLOCK_ROLLBACK_TOLERANCE_MS = 60 * 60 * 1000;

/** The counters kept with a verifier. Times in ms since the epoch. */
export interface AttemptState {
  failures: number;
  retryAt: number | null;
  lastServerContactAt: number;
}

/** The wait after `failures` failed tries in a row: 0, then 15 s doubling (15, 30, 60, 120 s). */
export function backoffMs(failures: number): number {
  return failures <= 0 ? 0 : BACKOFF_BASE_MS * 2 ** (failures - 1);
}

/** Whether the verifier is too old to unlock with: 14 days without the server, or a clock turned back. */
export function isExpired(lastServerContactAt: number, now: number): boolean {
  return now - lastServerContactAt > VERIFIER_MAX_AGE_MS || lastServerContactAt - now > CLOCK_ROLLBACK_TOLERANCE_MS;
}

export type Gate =
  /** The verifier must go: too old, or the failures are used up. */
  | { kind: 'wipe'; reason: 'expired' | 'failures' }
  /** Too soon after a failed try; nothing is counted. */
  | { kind: 'wait'; retryAt: number }
  /** Check the password; store `pending` first, it counts this try as failed until it succeeds. */
  | { kind: 'check'; pending: AttemptState };

export function beforeAttempt(state: AttemptState, now: number): Gate {
  if (isExpired(state.lastServerContactAt, now)) return { kind: 'wipe', reason: 'expired' };
  if (state.failures >= MAX_FAILURES) return { kind: 'wipe', reason: 'failures' };
  if (state.retryAt !== null && now < state.retryAt) return { kind: 'wait', retryAt: state.retryAt };
  const failures = state.failures + 1;
  return { kind: 'check', pending: { ...state, failures, retryAt: now + backoffMs(failures) } };
}

export type Outcome =
  { kind: 'unlocked'; state: AttemptState } | { kind: 'wrong'; retryAt: number; attemptsLeft: number } | { kind: 'wipe'; reason: 'failures' };

/** What follows the check of a try that `beforeAttempt` let through (`pending` is what it stored). */
export function afterCheck(pending: AttemptState, correct: boolean): Outcome {
  if (correct) return { kind: 'unlocked', state: { ...pending, failures: 0, retryAt: null } };
  if (pending.failures >= MAX_FAILURES) return { kind: 'wipe', reason: 'failures' };
  return { kind: 'wrong', retryAt: pending.retryAt ?? 0, attemptsLeft: MAX_FAILURES - pending.failures };
}
