import { epochDayOf, formatIsoDate } from './calendar.js';

/** A reporting period: `from` is its first day, `to` the first day after it, both `YYYY-MM-DD`. */
export interface Period {
  key: string;
  from: string;
  to: string;
}

const PERIOD_PATTERN = /^(\d{4})(?:-(H[12]|Q[1-4]|\d{2}))?$/;
const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;

/**
 * Reads a period as boards and follow-ups name them: a year (`2026`), a half (`2026-H1`), a quarter
 * (`2026-Q3`) or a month (`2026-11`), years 2000–2100. Returns the half-open range [from, to), so
 * `2026-Q4` ends at `2027-01-01`; anything else, including lower case, spaces and month 13, gives null.
 */
export function parsePeriod(text: string): Period | null {
  const match = typeof text === 'string' ? PERIOD_PATTERN.exec(text) : null;
  if (match === null) return null;
  const year = Number(match[1]);
  if (year < FIRST_YEAR || year > LAST_YEAR) return null;
  const part = match[2];
  let firstMonth = 1;
  let months = 12;
  if (part?.startsWith('H')) {
    firstMonth = part === 'H1' ? 1 : 7;
    months = 6;
  } else if (part?.startsWith('Q')) {
    firstMonth = (Number(part.slice(1)) - 1) * 3 + 1;
    months = 3;
  } else if (part !== undefined) {
    firstMonth = Number(part);
    months = 1;
    if (firstMonth < 1 || firstMonth > 12) return null;
  }
  const from = epochDayOf(year, firstMonth, 1);
  const afterMonth = firstMonth + months;
  const to = epochDayOf(afterMonth > 12 ? year + 1 : year, afterMonth > 12 ? afterMonth - 12 : afterMonth, 1);
  if (from === null || to === null) return null;
  return { key: text, from: formatIsoDate(from), to: formatIsoDate(to) };
}

/**
 * The key of the period of `grain` that starts on `start` (`YYYY-MM-DD`, a period's first day):
 * `2026-03` for a month, `2026-Q2` for a quarter, `2026` for a year. Null when `start` is not such a first day.
 */
export function periodKeyOf(start: string, grain: 'month' | 'quarter' | 'year'): string | null {
  const match = /^(\d{4})-(\d{2})-01$/.exec(start);
  if (match === null) return null;
  const [year, month] = [match[1] as string, Number(match[2])];
  if (month < 1 || month > 12) return null;
  if (grain === 'month') return `${year}-${match[2] as string}`;
  if (grain === 'quarter') return (month - 1) % 3 === 0 ? `${year}-Q${(month - 1) / 3 + 1}` : null;
  return month === 1 ? year : null;
}
