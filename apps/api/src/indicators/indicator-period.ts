import { parsePeriod, periodKeyOf, type PeriodGrain } from '@hjulet/domain';
import { badInput } from '../shared/app-error.js';

/** The range asked for, as Swedish calendar days (`to` exclusive), and how to name each period in it. */
export interface ResolvedPeriods {
  from: string;
  to: string;
  grain: PeriodGrain | null;
  /** The key of the period starting on `start` (for a range without grain: `from` or `from–to`). */
  keyOf(start: string): string;
}

/** At most ten years, and at most 120 periods, in one request. */
const MAX_DAYS = 3660;

/**
 * Reads a PeriodInput: `from` and `to` are period keys (`2026`, `2026-Q3`, `2026-11`); the range runs from
 * the first day of `from` to the end of `to`. With a grain, the range must start on a period boundary of that
 * grain (a quarter series cannot start in February). Refusals are BAD_USER_INPUT naming the field.
 */
export function resolvePeriods(
  input: { from: string; to?: string | null | undefined; grain?: PeriodGrain | null | undefined },
  field = 'period',
): ResolvedPeriods {
  const first = parsePeriod(input.from);
  if (!first) throw badInput('A period is a year (2026), half (2026-H1), quarter (2026-Q3) or month (2026-11)', `${field}.from`);
  const last = input.to ? parsePeriod(input.to) : first;
  if (!last) throw badInput('A period is a year (2026), half (2026-H1), quarter (2026-Q3) or month (2026-11)', `${field}.to`);
  if (last.to <= first.from) throw badInput('The last period ends before the first begins', `${field}.to`);
  const days = (Date.parse(last.to) - Date.parse(first.from)) / 86_400_000;
  if (days > MAX_DAYS) throw badInput('At most ten years at a time', `${field}.to`);
  const grain = input.grain ?? null;
  if (grain && periodKeyOf(first.from, grain) === null) throw badInput(`A series by ${grain} starts on the first day of a ${grain}`, `${field}.grain`);
  const whole = input.to && input.to !== input.from ? `${input.from}–${input.to}` : input.from;
  return {
    from: first.from,
    to: last.to,
    grain,
    keyOf: (start) => (grain ? (periodKeyOf(start, grain) ?? start) : whole),
  };
}
