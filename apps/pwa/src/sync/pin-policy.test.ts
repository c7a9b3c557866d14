// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { COMMON_PINS, isTrivialPin, newPinProblem, PIN_MAX_LENGTH, PIN_MIN_LENGTH, pinProblem } from './pin-policy.js';

describe('the PIN policy', () => {
  it('takes 6 to 12 digits', () => {
    expect(PIN_MIN_LENGTH).toBe(6);
    expect(PIN_MAX_LENGTH).toBe(12);
    expect(pinProblem('480372')).toBeNull();
    expect(pinProblem('480372915064')).toBeNull();
    expect(pinProblem('48037')).toBe('short');
    expect(pinProblem('')).toBe('short');
    expect(pinProblem('4803729150648')).toBe('long');
  });

  it('takes digits only: no letters, spaces or other numerals', () => {
    expect(pinProblem('48037a')).toBe('digits');
    expect(pinProblem('480 372')).toBe('digits');
    expect(pinProblem('٤٨٠٣٧٢')).toBe('digits');
    expect(pinProblem('-48037')).toBe('digits');
  });

  it.each(['0000', '000000', '999999999999', '123456', '234567', '890123', '654321', '987654', '210987', '012345678901'])(
    'refuses %s, one digit repeated or a run up or down (wrapping round)',
    (pin) => {
      expect(isTrivialPin(pin)).toBe(true);
    },
  );

  it.each(['121212', '123123', '12341234', '909090', '252525252525'])('refuses %s, a short group repeated', (pin) => {
    expect(pinProblem(pin)).toBe('trivial');
  });

  it('refuses every PIN on the list of common ones, and the list is of valid-looking PINs only', () => {
    for (const pin of COMMON_PINS) {
      expect(pin).toMatch(/^[0-9]{6,12}$/);
      expect(pinProblem(pin)).toBe('trivial');
    }
    expect(pinProblem('112233')).toBe('trivial');
    expect(pinProblem('159753')).toBe('trivial');
  });

  it.each(['480372', '135792', '120845', '48031295', '246813'])('takes %s, which follows no pattern', (pin) => {
    expect(pinProblem(pin)).toBeNull();
  });

  it('wants the new PIN typed the same twice, and names the PIN’s own problem first', () => {
    expect(newPinProblem('480372', '480372')).toBeNull();
    expect(newPinProblem('480372', '480373')).toBe('mismatch');
    expect(newPinProblem('123456', '123456')).toBe('trivial');
    expect(newPinProblem('1234', '9999')).toBe('short');
  });
});
