/**
 * Calendar arithmetic without the host's time zone or `Date.parse`, whose leniency differs between
 * browsers and Node: the phone and the server must read the same string as the same instant.
 */

const MS_PER_DAY = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
// PostgreSQL prints `2026-03-01 10:00:00.123456+01`, JavaScript `2026-03-01T09:00:00.123Z`: accept both.
const INSTANT_PATTERN = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)$/;

/** Days since 1970-01-01 of a real calendar date, or null. */
export function epochDayOf(year: number, month: number, day: number): number | null {
  if (month < 1 || month > 12 || day < 1) return null;
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return ms / MS_PER_DAY;
}

/** `YYYY-MM-DD` as days since 1970-01-01, or null when it is not a real date in that exact form. */
export function parseIsoDate(text: string): number | null {
  const match = DATE_PATTERN.exec(text);
  if (match === null) return null;
  return epochDayOf(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** Days since 1970-01-01 as `YYYY-MM-DD`. */
export function formatIsoDate(epochDay: number): string {
  return new Date(epochDay * MS_PER_DAY).toISOString().slice(0, 10);
}

/**
 * An ISO 8601 timestamp with an explicit offset (`Z`, `+01`, `+01:00`, `+0100`) as milliseconds since the
 * epoch, or null. A timestamp without an offset is rejected: its instant would depend on the reader's zone.
 */
export function parseInstant(text: string): number | null {
  const match = INSTANT_PATTERN.exec(text);
  if (match === null) return null;
  const [, year, month, day, hour, minute, second, fraction, offset] = match;
  const epochDay = epochDayOf(Number(year), Number(month), Number(day));
  if (epochDay === null || Number(hour) > 23 || Number(minute) > 59 || Number(second ?? 0) > 59) return null;
  const ms = Number((fraction ?? '').padEnd(3, '0').slice(0, 3));
  const local = epochDay * MS_PER_DAY + ((Number(hour) * 60 + Number(minute)) * 60 + Number(second ?? 0)) * 1000 + ms;
  return local - offsetMinutes(offset ?? 'Z') * 60_000;
}

function offsetMinutes(offset: string): number {
  if (offset === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
}

/**
 * The calendar day in Sweden (CET, CEST in summer by the EU rule: last Sunday of March to last Sunday of
 * October, switching at 01:00 UTC) of an instant, as days since 1970-01-01. Coded by hand so the answer
 * does not depend on the time-zone database of the phone or the server.
 */
export function swedishEpochDayOf(instantMs: number): number {
  const year = new Date(instantMs).getUTCFullYear();
  const summerStarts = lastSundayAtOneUtc(year, 3);
  const summerEnds = lastSundayAtOneUtc(year, 10);
  const offsetHours = instantMs >= summerStarts && instantMs < summerEnds ? 2 : 1;
  return Math.floor((instantMs + offsetHours * 3_600_000) / MS_PER_DAY);
}

function lastSundayAtOneUtc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month, 0));
  return Date.UTC(year, month - 1, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
}
