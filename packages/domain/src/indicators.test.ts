import { describe, expect, it } from 'vitest';
import { DomainError } from './domain-error.js';
import { acceptance, actionClosure, coverage, medianDaysToClose, riskPrevalence } from './indicators.js';
import type { ClosableAction } from './indicators.js';

function action(overrides: Partial<ClosableAction>): ClosableAction {
  return { dueDate: '2026-06-15', status: 'open', closedAt: null, ...overrides };
}

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof DomainError ? error.code : 'not a DomainError';
  }
  return undefined;
}

describe('coverage, acceptance and risk prevalence', () => {
  it('gives the share of eligible recipients who were offered a review', () => {
    expect(coverage({ eligibleRecipients: 50, offeredRecipients: 45 })).toEqual({ numerator: 45, denominator: 50, value: 0.9 });
  });

  it('gives no value rather than 0 % or 100 % when nobody was eligible', () => {
    expect(coverage({ eligibleRecipients: 0, offeredRecipients: 0 }).value).toBeNull();
  });

  it('gives the share of offered reviews that were completed', () => {
    expect(acceptance({ offered: 8, completed: 6 }).value).toBe(0.75);
  });

  it('gives the share of completed reviews with a risk', () => {
    expect(riskPrevalence({ completedReviews: 40, reviewsWithRisk: 10 }).value).toBe(0.25);
  });

  it('refuses counts that cannot come from a correct query', () => {
    expect(codeOf(() => coverage({ eligibleRecipients: 10, offeredRecipients: 11 }))).toBe('INVALID_COUNT');
    expect(codeOf(() => acceptance({ offered: -1, completed: 0 }))).toBe('INVALID_COUNT');
    expect(codeOf(() => riskPrevalence({ completedReviews: 2.5, reviewsWithRisk: 1 }))).toBe('INVALID_COUNT');
    expect(codeOf(() => riskPrevalence({ completedReviews: Number.NaN, reviewsWithRisk: 1 }))).toBe('INVALID_COUNT');
  });
});

describe('actionClosure', () => {
  const asOf = '2026-07-01';

  it('counts an action closed by its due date as on time and one closed after it as late', () => {
    const result = actionClosure(
      [action({ status: 'done', closedAt: '2026-06-10T09:00:00Z' }), action({ status: 'done', closedAt: '2026-06-20T09:00:00Z' })],
      asOf,
    );
    expect(result).toEqual({ numerator: 1, denominator: 2, value: 0.5 });
  });

  it('counts an open action once its due date has passed, and not before', () => {
    const result = actionClosure([action({ dueDate: '2026-06-30' }), action({ dueDate: '2026-07-01' }), action({ dueDate: '2026-08-01' })], asOf);
    expect(result).toEqual({ numerator: 0, denominator: 1, value: 0 });
  });

  it('leaves out actions that were not needed or that the client declined', () => {
    const result = actionClosure(
      [
        action({ status: 'not_needed', closedAt: '2026-06-01T09:00:00Z' }),
        action({ status: 'declined', dueDate: '2026-01-01' }),
        action({ status: 'done', closedAt: '2026-06-01T09:00:00Z' }),
      ],
      asOf,
    );
    expect(result).toEqual({ numerator: 1, denominator: 1, value: 1 });
  });

  it('judges the closing day in Swedish time, so 23:30 on the due date is still on time', () => {
    const onTime = action({ status: 'done', closedAt: '2026-06-15T21:30:00Z' });
    const late = action({ status: 'done', closedAt: '2026-06-15T22:30:00Z' });
    expect(actionClosure([onTime], asOf).value).toBe(1);
    expect(actionClosure([late], asOf).value).toBe(0);
    const winterLate = action({ dueDate: '2026-01-15', status: 'done', closedAt: '2026-01-15T23:30:00Z' });
    const winterOnTime = action({ dueDate: '2026-01-15', status: 'done', closedAt: '2026-01-15T22:30:00Z' });
    expect(actionClosure([winterLate], asOf).value).toBe(0);
    expect(actionClosure([winterOnTime], asOf).value).toBe(1);
  });

  it('treats an action closed on or after the as-of day as still open, so a past figure never changes', () => {
    const closedLater = action({ dueDate: '2026-06-30', status: 'done', closedAt: '2026-07-02T08:00:00Z' });
    expect(actionClosure([closedLater], asOf)).toEqual({ numerator: 0, denominator: 1, value: 0 });
    const notYetDue = action({ dueDate: '2026-07-05', status: 'done', closedAt: '2026-07-02T08:00:00Z' });
    expect(actionClosure([notYetDue], asOf)).toEqual({ numerator: 0, denominator: 0, value: null });
  });

  it('counts a done action without a closing time as due and not on time', () => {
    expect(actionClosure([action({ status: 'done' })], asOf)).toEqual({ numerator: 0, denominator: 1, value: 0 });
  });

  it('refuses malformed dates', () => {
    expect(codeOf(() => actionClosure([], '2026-7-1'))).toBe('INVALID_DATE');
    expect(codeOf(() => actionClosure([action({ dueDate: '2026-02-30' })], asOf))).toBe('INVALID_DATE');
    expect(codeOf(() => actionClosure([action({ status: 'done', closedAt: '2026-06-10 09:00' })], asOf))).toBe('INVALID_DATE');
  });
});

describe('medianDaysToClose', () => {
  it('has no value without closed actions', () => {
    expect(medianDaysToClose([])).toBeNull();
  });

  it('takes the middle duration of an odd number of pairs', () => {
    const pairs = [
      { foundAt: '2026-03-01T10:00:00Z', closedAt: '2026-03-11T10:00:00Z' },
      { foundAt: '2026-03-01T10:00:00Z', closedAt: '2026-03-02T10:00:00Z' },
      { foundAt: '2026-03-01T10:00:00Z', closedAt: '2026-03-04T10:00:00Z' },
    ];
    expect(medianDaysToClose(pairs)).toBe(3);
  });

  it('takes the mean of the middle two of an even number of pairs', () => {
    const pairs = [
      { foundAt: '2026-03-01T00:00:00Z', closedAt: '2026-03-02T00:00:00Z' },
      { foundAt: '2026-03-01T00:00:00Z', closedAt: '2026-03-03T00:00:00Z' },
    ];
    expect(medianDaysToClose(pairs)).toBe(1.5);
  });

  it('rounds to one decimal, half up', () => {
    expect(medianDaysToClose([{ foundAt: '2026-01-01T00:00:00Z', closedAt: '2026-01-03T06:00:00Z' }])).toBe(2.3);
    expect(medianDaysToClose([{ foundAt: '2026-01-01T00:00:00Z', closedAt: '2026-01-03T05:59:00Z' }])).toBe(2.2);
  });

  it('reads offsets and PostgreSQL timestamps, and counts a close before the find as 0 days', () => {
    expect(medianDaysToClose([{ foundAt: '2026-03-01T10:00:00+01:00', closedAt: '2026-03-02 09:00:00.123456+00' }])).toBe(1);
    expect(medianDaysToClose([{ foundAt: '2026-03-02T10:00:00Z', closedAt: '2026-03-02T09:58:00Z' }])).toBe(0);
  });

  it('refuses a timestamp without an offset', () => {
    expect(codeOf(() => medianDaysToClose([{ foundAt: '2026-03-01T10:00:00', closedAt: '2026-03-02T10:00:00Z' }]))).toBe('INVALID_DATE');
  });
});
