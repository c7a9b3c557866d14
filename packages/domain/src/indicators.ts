import { parseInstant, parseIsoDate, swedishEpochDayOf } from './calendar.js';
import { DomainError } from './domain-error.js';
import type { ActionStatus } from './vocabulary.js';

/** A share as its two counts and their quotient (0–1, unrounded), or null when there is nothing to divide. */
export interface Ratio {
  numerator: number;
  denominator: number;
  value: number | null;
}

export interface ClosableAction {
  /** `YYYY-MM-DD`, the last day on which closing counts as on time. */
  dueDate: string;
  status: ActionStatus;
  /** ISO 8601 timestamp with offset, or null while open. */
  closedAt: string | null;
}

export interface FoundAndClosed {
  foundAt: string;
  closedAt: string;
}

const MS_PER_TENTH_OF_DAY = 8_640_000;

// A share above 1 means the query behind it counted the wrong people; showing 120 % would hide that.
function ratio(numerator: number, denominator: number, numeratorName: string, denominatorName: string): Ratio {
  for (const [name, count] of [
    [numeratorName, numerator],
    [denominatorName, denominator],
  ] as const) {
    if (!Number.isSafeInteger(count) || count < 0) {
      throw new DomainError('INVALID_COUNT', `${name} must be a whole number of at least 0, got ${count}.`);
    }
  }
  if (numerator > denominator) {
    throw new DomainError('INVALID_COUNT', `${numeratorName} (${numerator}) exceeds ${denominatorName} (${denominator}).`);
  }
  return { numerator, denominator, value: denominator === 0 ? null : numerator / denominator };
}

/**
 * Coverage: the share of active recipients in ordinary housing who were offered a review in the period
 * (Norrköping's target is 100 %). `offeredRecipients` counts people, not offers, and only eligible ones.
 */
export function coverage(counts: { eligibleRecipients: number; offeredRecipients: number }): Ratio {
  return ratio(counts.offeredRecipients, counts.eligibleRecipients, 'offeredRecipients', 'eligibleRecipients');
}

/** Acceptance: the share of reviews offered in the period that were completed (declined ones count as offered). */
export function acceptance(counts: { offered: number; completed: number }): Ratio {
  return ratio(counts.completed, counts.offered, 'completed', 'offered');
}

/**
 * Risk prevalence: the share of completed reviews with at least one risk; call it once per category and
 * area with the counts for that category and area.
 */
export function riskPrevalence(counts: { completedReviews: number; reviewsWithRisk: number }): Ratio {
  return ratio(counts.reviewsWithRisk, counts.completedReviews, 'reviewsWithRisk', 'completedReviews');
}

/**
 * Action closure as of the day `asOf` (`YYYY-MM-DD`, usually today or the day after a period): the share of
 * actions that were done by their due date, among the actions that are due or closed. Precisely:
 * - `not_needed` and `declined` are left out: the client's choice is recorded elsewhere, not a failure.
 * - the denominator holds every `done` action closed before `asOf`, and every action still open on `asOf`
 *   whose due date is before `asOf`; an open action due on `asOf` or later is not yet counted.
 * - the numerator holds the `done` actions closed (in Swedish time) on or before their due date.
 * - a `done` action closed on or after `asOf` is taken as still open, so a past period's figure does not
 *   change later; a `done` action without `closedAt` is counted as due and not on time.
 * Throws `DomainError` `INVALID_DATE` on a malformed date, which means a bug in the caller.
 */
export function actionClosure(actions: readonly ClosableAction[], asOf: string): Ratio {
  const asOfDay = requireDate(asOf, 'asOf');
  let due = 0;
  let onTime = 0;
  for (const action of actions) {
    if (action.status === 'not_needed' || action.status === 'declined') continue;
    const dueDay = requireDate(action.dueDate, 'dueDate');
    const closedDay = action.closedAt === null ? null : swedishEpochDayOf(requireInstant(action.closedAt, 'closedAt'));
    if (action.status === 'done' && closedDay === null) {
      due += 1;
    } else if (action.status === 'done' && closedDay !== null && closedDay < asOfDay) {
      due += 1;
      if (closedDay <= dueDay) onTime += 1;
    } else if (dueDay < asOfDay) {
      due += 1;
    }
  }
  return ratio(onTime, due, 'actions done on time', 'actions due or closed');
}

/**
 * The median time from a risk being found to its action being closed, in days rounded to one decimal
 * (half a tenth up: 2.25 days is 2.3), or null when there are no pairs. With an even number of pairs it is
 * the mean of the middle two. A closing time before the finding counts as 0 days: `foundAt` comes from the
 * phone's clock, which may run ahead of the server's. Throws `DomainError` `INVALID_DATE` on a bad timestamp.
 */
export function medianDaysToClose(pairs: readonly FoundAndClosed[]): number | null {
  if (pairs.length === 0) return null;
  const durations = pairs.map((pair) => Math.max(0, requireInstant(pair.closedAt, 'closedAt') - requireInstant(pair.foundAt, 'foundAt'))).sort((a, b) => a - b);
  const middle = Math.floor(durations.length / 2);
  const upper = durations[middle] ?? 0;
  const medianMs = durations.length % 2 === 1 ? upper : ((durations[middle - 1] ?? 0) + upper) / 2;
  return Math.round(medianMs / MS_PER_TENTH_OF_DAY) / 10;
}

function requireDate(text: string, name: string): number {
  const day = typeof text === 'string' ? parseIsoDate(text) : null;
  if (day === null) throw new DomainError('INVALID_DATE', `${name} must be a date YYYY-MM-DD, got ${String(text)}.`);
  return day;
}

function requireInstant(text: string, name: string): number {
  const instant = typeof text === 'string' ? parseInstant(text) : null;
  if (instant === null) throw new DomainError('INVALID_DATE', `${name} must be an ISO timestamp with offset, got ${String(text)}.`);
  return instant;
}
