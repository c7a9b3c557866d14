/*
 * The PIN a user who signs in through the identity provider sets on a phone, to unlock it offline
 * (issue 12, docs/security.md). It has no password on the phone, so the PIN is what the slow verifier is
 * derived from (sync/offline-verifier.ts), under the same attempt limits (sync/unlock-policy.ts).
 *
 * - Digits only, 6 to 12 of them: a phone's number pad, and a million choices at the least.
 * - Not one that people pick first: one digit repeated (000000), a run up or down (123456, 987654,
 *   890123 wrapping round), a short group repeated (121212, 123123, 12341234), or one of the common
 *   PINs in COMMON_PINS. With 5 tries before the verifier is wiped, the guesses that matter are these.
 */

export const PIN_MIN_LENGTH = 6;
export const PIN_MAX_LENGTH = 12;

/** Often chosen six-digit PINs that the patterns below do not catch (dates and keypad shapes). */
export const COMMON_PINS: ReadonlySet<string> = new Set([
  '112233',
  '111222',
  '123321',
  '147258',
  '147852',
  '159753',
  '159357',
  '258456',
  '654123',
  '789456',
  '123654',
  '101010',
  '102030',
  '121314',
  '131313',
  '202020',
  '696969',
  '110110',
  '123789',
  '142536',
  '198700',
  '200000',
]);

export type PinProblem = 'digits' | 'short' | 'long' | 'trivial' | 'mismatch';

/** Why `pin` cannot be used, or null when it can. */
export function pinProblem(pin: string): Exclude<PinProblem, 'mismatch'> | null {
  if (!/^[0-9]*$/.test(pin)) return 'digits';
  if (pin.length < PIN_MIN_LENGTH) return 'short';
  if (pin.length > PIN_MAX_LENGTH) return 'long';
  return isTrivialPin(pin) ? 'trivial' : null;
}

/** The same check for a new PIN typed twice. */
export function newPinProblem(pin: string, repeated: string): PinProblem | null {
  return pinProblem(pin) ?? (pin === repeated ? null : 'mismatch');
}

/** A PIN among the first an attacker would try (see the rules above). */
export function isTrivialPin(pin: string): boolean {
  return COMMON_PINS.has(pin) || isRun(pin, 1) || isRun(pin, -1) || repeatsShortGroup(pin);
}

/** Each digit is the one before plus `step`, modulo 10 (0 repeated is a run of step 0, caught as a group of 1). */
function isRun(pin: string, step: 1 | -1): boolean {
  for (let i = 1; i < pin.length; i++) if (Number(pin[i]) !== (Number(pin[i - 1]) + step + 10) % 10) return false;
  return true;
}

/** The PIN is a group of at most half its length, repeated (000000, 121212, 123123, 12341234). */
function repeatsShortGroup(pin: string): boolean {
  for (let size = 1; size <= pin.length / 2; size++) {
    if (pin.length % size !== 0) continue;
    if (pin.slice(0, size).repeat(pin.length / size) === pin) return true;
  }
  return false;
}
