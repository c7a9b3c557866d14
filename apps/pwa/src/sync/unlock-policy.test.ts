import { describe, expect, it } from 'vitest';
import { afterCheck, backoffMs, beforeAttempt, isExpired, MAX_FAILURES, VERIFIER_MAX_AGE_MS, type AttemptState } from './unlock-policy.js';

const NOW = Date.parse('2026-11-20T08:00:00Z');
const DAY = 24 * 60 * 60 * 1000;
const fresh: AttemptState = { failures: 0, retryAt: null, lastServerContactAt: NOW - DAY };

/** Runs tries with the wrong password, each as soon as it is allowed; returns the outcomes. */
function wrongTries(count: number): Array<ReturnType<typeof afterCheck> | { kind: 'wipe'; reason: string }> {
  let state = fresh;
  let now = NOW;
  const outcomes = [];
  for (let i = 0; i < count; i++) {
    const gate = beforeAttempt(state, now);
    if (gate.kind !== 'check') {
      outcomes.push(gate as { kind: 'wipe'; reason: string });
      break;
    }
    const outcome = afterCheck(gate.pending, false);
    outcomes.push(outcome);
    if (outcome.kind !== 'wrong') break;
    state = gate.pending;
    now = outcome.retryAt;
  }
  return outcomes;
}

describe('the back-off after failed offline tries', () => {
  it('waits 15, 30, 60 and 120 seconds, and wipes the verifier at the 5th failure', () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([15_000, 30_000, 60_000, 120_000]);
    expect(backoffMs(0)).toBe(0);
    const outcomes = wrongTries(10);
    expect(outcomes.map((o) => o.kind)).toEqual(['wrong', 'wrong', 'wrong', 'wrong', 'wipe']);
    expect(outcomes.slice(0, 4).map((o) => (o.kind === 'wrong' ? o.attemptsLeft : null))).toEqual([4, 3, 2, 1]);
    expect(MAX_FAILURES).toBe(5);
  });

  it('counts a try as failed before the check, so an interrupted check gives no free try', () => {
    const gate = beforeAttempt(fresh, NOW);
    expect(gate).toEqual({ kind: 'check', pending: { ...fresh, failures: 1, retryAt: NOW + 15_000 } });
  });

  it('refuses a try during the wait without counting it', () => {
    const afterOne: AttemptState = { ...fresh, failures: 1, retryAt: NOW + 15_000 };
    expect(beforeAttempt(afterOne, NOW + 14_999)).toEqual({ kind: 'wait', retryAt: NOW + 15_000 });
    expect(beforeAttempt(afterOne, NOW + 15_000).kind).toBe('check');
  });

  it('starts again from nothing after the right password', () => {
    const afterThree: AttemptState = { ...fresh, failures: 3, retryAt: NOW };
    const gate = beforeAttempt(afterThree, NOW);
    if (gate.kind !== 'check') throw new Error(gate.kind);
    expect(afterCheck(gate.pending, true)).toEqual({ kind: 'unlocked', state: { ...fresh, failures: 0, retryAt: null } });
  });

  it('wipes a verifier whose failures are used up even if the last check never finished', () => {
    expect(beforeAttempt({ ...fresh, failures: MAX_FAILURES, retryAt: NOW + 240_000 }, NOW + 300_000)).toEqual({ kind: 'wipe', reason: 'failures' });
  });

  it('lets the 5th try unlock if its password is right', () => {
    const afterFour: AttemptState = { ...fresh, failures: 4, retryAt: NOW };
    const gate = beforeAttempt(afterFour, NOW);
    if (gate.kind !== 'check') throw new Error(gate.kind);
    expect(afterCheck(gate.pending, true).kind).toBe('unlocked');
  });
});

describe('the 14 days without the server', () => {
  it('wipes the verifier after 14 days without contact with the server', () => {
    expect(VERIFIER_MAX_AGE_MS).toBe(14 * DAY);
    expect(isExpired(NOW - 14 * DAY, NOW)).toBe(false);
    expect(isExpired(NOW - 14 * DAY - 1, NOW)).toBe(true);
    expect(beforeAttempt({ ...fresh, lastServerContactAt: NOW - 15 * DAY }, NOW)).toEqual({ kind: 'wipe', reason: 'expired' });
  });

  it('counts a clock turned back by more than an hour as expired, so the 14 days cannot be stretched', () => {
    expect(isExpired(NOW, NOW - 30 * 60 * 1000)).toBe(false);
    expect(isExpired(NOW, NOW - 61 * 60 * 1000)).toBe(true);
  });
});
