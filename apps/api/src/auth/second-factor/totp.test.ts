import { describe, expect, it } from 'vitest';
import { checkTotp, newTotpSecret, totpCodeAt, totpUri } from './totp.js';

const STEP = 30_000;
// The middle of a step, so a few milliseconds never cross into the next one.
const now = Math.floor(Date.UTC(2026, 10, 27, 8) / STEP) * STEP + STEP / 2;
const stepOf = (at: number) => Math.floor(at / STEP);

describe('TOTP codes', () => {
  const secret = newTotpSecret();

  it('accepts the code of this step, the one before and the one after, each with its own step', () => {
    for (const offset of [-1, 0, 1])
      expect(checkTotp(secret, totpCodeAt(secret, now + offset * STEP), now, null)).toEqual({ ok: true, step: stepOf(now) + offset });
  });

  it('refuses a code two steps away either side', () => {
    for (const offset of [-2, 2]) expect(checkTotp(secret, totpCodeAt(secret, now + offset * STEP), now, null)).toEqual({ ok: false, reason: 'wrong' });
  });

  it('refuses the code of the last accepted step, or of an earlier one, as a replay', () => {
    const code = totpCodeAt(secret, now);
    expect(checkTotp(secret, code, now, stepOf(now))).toEqual({ ok: false, reason: 'replayed' });
    expect(checkTotp(secret, totpCodeAt(secret, now - STEP), now, stepOf(now))).toEqual({ ok: false, reason: 'replayed' });
    expect(checkTotp(secret, totpCodeAt(secret, now + STEP), now, stepOf(now))).toEqual({ ok: true, step: stepOf(now) + 1 });
  });

  it('refuses what is not six digits, and accepts a code typed with a space', () => {
    expect(checkTotp(secret, '12345', now, null)).toEqual({ ok: false, reason: 'wrong' });
    expect(checkTotp(secret, 'abcdef', now, null)).toEqual({ ok: false, reason: 'wrong' });
    const code = totpCodeAt(secret, now);
    expect(checkTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, now, null).ok).toBe(true);
  });

  it('gives an otpauth URI an authenticator app reads, with the account and the issuer', () => {
    expect(totpUri(secret, 'Hjulet', 'anna@kommun.se')).toMatch(
      new RegExp(`^otpauth://totp/Hjulet:anna%40kommun\\.se\\?issuer=Hjulet&secret=${secret}&algorithm=SHA1&digits=6&period=30$`),
    );
  });
});
