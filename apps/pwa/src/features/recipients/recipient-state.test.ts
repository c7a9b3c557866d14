import { describe, expect, it } from 'vitest';
import type { CachedRecipient, ReviewDraft } from '../../data/db.js';
import type { PhoneReview } from '../../data/synced.js';
import { existingReviews, filterCounts, matchesFilter, recipientReviewState, recipientRows, type ReferenceView } from './recipient-state.js';

const NOW = '2025-03-10T09:00:00.000Z';
/** Reference data fetched at 09:00 for 2025. */
const REFERENCE: ReferenceView = { fetchedAt: NOW, period: '2025' };

function recipient(serverStatus: CachedRecipient['serverStatus'] = null, id = 'recipient-1', performedAt: string | null = null): CachedRecipient {
  return { id, reference: `Brukare ${id}`, housingType: 'rented_flat', serverStatus, performedAt: performedAt ?? (serverStatus === 'completed' ? NOW : null) };
}

function draftFor(recipientId: string): ReviewDraft {
  return {
    clientId: `draft-${recipientId}`,
    userId: 'user-anna',
    recipientId,
    recipientReference: `Brukare ${recipientId}`,
    templateVersionId: 'template-v1',
    answers: { alarm_present: 'yes' },
    sectionIndex: 1,
    consentToShare: false,
    actions: [],
    offeredAt: NOW,
    updatedAt: NOW,
  };
}

function phoneReview(overrides: Partial<PhoneReview> = {}): PhoneReview {
  return {
    clientId: 'review-1',
    recipientId: 'recipient-1',
    status: 'completed',
    offeredAt: '2025-03-10T08:00:00.000Z',
    performedAt: '2025-03-10T08:40:00.000Z',
    period: '2025',
    stage: 'waiting',
    syncedAt: null,
    mine: true,
    ...overrides,
  };
}
const waiting = (overrides: Partial<PhoneReview> = {}) => phoneReview(overrides);
/** Acknowledged by the server at `syncedAt` (after the reference data was fetched, unless told otherwise). */
const synced = (overrides: Partial<PhoneReview> = {}) => phoneReview({ stage: 'synced', syncedAt: '2025-03-10T09:05:00.000Z', ...overrides });

describe('the review state shown for a care recipient', () => {
  it('is "not offered" when neither the phone nor the server knows of a review this period', () => {
    expect(recipientReviewState(recipient(null), [], [], REFERENCE)).toBe('not_offered');
  });

  it.each([
    ['completed', 'done'],
    ['declined', 'declined'],
    ['offered', 'in_progress'],
    ['in_progress', 'in_progress'],
  ] as const)('follows the server: %s is shown as %s', (serverStatus, shown) => {
    expect(recipientReviewState(recipient(serverStatus), [], [], REFERENCE)).toBe(shown);
  });

  it('is "in progress" while a review for the recipient is being filled in on this phone', () => {
    expect(recipientReviewState(recipient(null), [draftFor('recipient-1')], [], REFERENCE)).toBe('in_progress');
  });

  it('is "waiting to sync" once a finished review sits in the outbox, whatever the server last said', () => {
    expect(recipientReviewState(recipient(null), [], [waiting()], REFERENCE)).toBe('waiting');
    expect(recipientReviewState(recipient('offered'), [draftFor('recipient-1')], [waiting()], REFERENCE)).toBe('waiting');
  });

  it('is "waiting to sync" for another user\'s queued review on this shared phone too', () => {
    expect(recipientReviewState(recipient(null), [], [waiting({ mine: false })], REFERENCE)).toBe('waiting');
  });

  it("is not changed by another recipient's draft or queued review", () => {
    const state = recipientReviewState(recipient('declined'), [draftFor('recipient-2')], [waiting({ recipientId: 'recipient-3' })], REFERENCE);
    expect(state).toBe('declined');
  });

  it('goes from "waiting to sync" to done when the server acknowledges, before the reference data shows it', () => {
    expect(recipientReviewState(recipient(null), [], [synced()], REFERENCE)).toBe('done');
    expect(recipientReviewState(recipient(null), [], [synced({ status: 'declined' })], REFERENCE)).toBe('declined');
    expect(recipientReviewState(recipient(null), [], [synced({ mine: false })], REFERENCE)).toBe('done');
  });

  it('keeps the most telling of the server status and what was synced since: completed over declined', () => {
    expect(recipientReviewState(recipient('completed'), [], [synced({ status: 'declined' })], REFERENCE)).toBe('done');
    expect(recipientReviewState(recipient('offered'), [], [synced({ status: 'declined' })], REFERENCE)).toBe('declined');
  });

  it('follows the server again once reference data fetched after the sync arrives', () => {
    const before = synced({ syncedAt: '2025-03-10T08:59:00.000Z' });
    expect(recipientReviewState(recipient(null), [], [before], REFERENCE)).toBe('not_offered');
  });

  it("ignores what was synced in another period than the list's", () => {
    expect(recipientReviewState(recipient(null), [], [synced({ period: '2024' })], REFERENCE)).toBe('not_offered');
  });
});

describe('the reviews the offer screen shows before another one is started', () => {
  it('is empty for a recipient without a finished review this period', () => {
    expect(existingReviews(recipient('offered'), [], REFERENCE)).toEqual([]);
    expect(existingReviews(recipient(null), [waiting({ recipientId: 'recipient-2' }), synced({ period: '2024' })], REFERENCE)).toEqual([]);
  });

  it("lists the server's finished review with its date", () => {
    expect(existingReviews(recipient('declined', 'recipient-1', '2025-02-01T10:00:00.000Z'), [], REFERENCE)).toEqual([
      { state: 'declined', performedAt: '2025-02-01T10:00:00.000Z', byOtherUser: false },
    ]);
  });

  it('lists a review waiting to sync first, saying when it was made by another user of the phone', () => {
    const found = existingReviews(recipient('completed', 'recipient-1', '2025-02-01T10:00:00.000Z'), [waiting({ mine: false })], REFERENCE);
    expect(found).toEqual([
      { state: 'waiting', performedAt: '2025-03-10T08:40:00.000Z', byOtherUser: true },
      { state: 'done', performedAt: '2025-02-01T10:00:00.000Z', byOtherUser: false },
    ]);
  });

  it('shows a review synced since the reference data once, even when the server reports it already', () => {
    const found = existingReviews(recipient('completed', 'recipient-1', '2025-03-10T08:40:00.000Z'), [synced()], REFERENCE);
    expect(found).toEqual([{ state: 'done', performedAt: '2025-03-10T08:40:00.000Z', byOtherUser: false }]);
  });
});

describe('the recipient list', () => {
  const recipients = [
    recipient('completed', 'a-done'),
    recipient(null, 'b-new'),
    recipient('declined', 'c-declined'),
    recipient(null, 'd-waiting'),
    recipient(null, 'e-started'),
    recipient(null, 'f-new'),
  ];
  const rows = recipientRows(recipients, [draftFor('e-started')], [waiting({ recipientId: 'd-waiting' })], REFERENCE);

  it('shows recipients still to be offered first, the one started here before the others, then waiting, declined and done', () => {
    expect(rows.map((r) => [r.recipient.id, r.state])).toEqual([
      ['e-started', 'in_progress'],
      ['b-new', 'not_offered'],
      ['f-new', 'not_offered'],
      ['d-waiting', 'waiting'],
      ['c-declined', 'declined'],
      ['a-done', 'done'],
    ]);
  });

  it('filters to offer, waiting, done or declined, and counts each', () => {
    const ids = (filter: Parameters<typeof matchesFilter>[1]) => rows.filter((r) => matchesFilter(r, filter)).map((r) => r.recipient.id);
    expect(ids('to_offer')).toEqual(['e-started', 'b-new', 'f-new']);
    expect(ids('waiting')).toEqual(['d-waiting']);
    expect(ids('declined')).toEqual(['c-declined']);
    expect(ids('done')).toEqual(['a-done']);
    expect(ids('all')).toHaveLength(6);
    expect(filterCounts(rows)).toEqual({ all: 6, to_offer: 3, waiting: 1, done: 1, declined: 1 });
  });
});
