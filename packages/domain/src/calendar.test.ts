import { describe, expect, it } from 'vitest';
import { formatIsoDate, parseInstant, parseIsoDate, swedishEpochDayOf } from './calendar.js';

const day = (text: string): number => parseIsoDate(text) ?? Number.NaN;

describe('calendar', () => {
  it('reads real dates only', () => {
    expect(formatIsoDate(day('2028-02-29'))).toBe('2028-02-29');
    expect(parseIsoDate('2026-02-29')).toBeNull();
    expect(parseIsoDate('2026-04-31')).toBeNull();
  });

  it('reads timestamps with any offset form as the same instant', () => {
    const utc = Date.UTC(2026, 2, 1, 9, 0, 0, 123);
    for (const text of ['2026-03-01T09:00:00.123Z', '2026-03-01T10:00:00.123+01:00', '2026-03-01 10:00:00.123456+01', '2026-03-01T04:30:00.123-0430']) {
      expect(parseInstant(text)).toBe(utc);
    }
    expect(parseInstant('2026-03-01T25:00:00Z')).toBeNull();
  });

  it('knows the Swedish day on both sides of the summer-time changes', () => {
    // 2026: summer time from 29 March 01:00 UTC to 25 October 01:00 UTC.
    expect(formatIsoDate(swedishEpochDayOf(Date.UTC(2026, 2, 28, 22, 30)))).toBe('2026-03-28');
    expect(formatIsoDate(swedishEpochDayOf(Date.UTC(2026, 2, 29, 22, 30)))).toBe('2026-03-30');
    expect(formatIsoDate(swedishEpochDayOf(Date.UTC(2026, 9, 24, 22, 30)))).toBe('2026-10-25');
    expect(formatIsoDate(swedishEpochDayOf(Date.UTC(2026, 9, 25, 22, 30)))).toBe('2026-10-25');
  });
});
