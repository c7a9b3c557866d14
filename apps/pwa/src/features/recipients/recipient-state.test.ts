import { describe, expect, it } from 'vitest';
import type { CachedRecipient, OutboxCloseAction, OutboxReview, ReviewDraft } from '../../data/db.js';
import { declinedReviewItem } from '../review/review-payload.js';
import { recipientReviewState } from './recipient-state.js';

const NOW = '2025-03-10T09:00:00.000Z';

function recipient(serverStatus: CachedRecipient['serverStatus'] = null, id = 'recipient-1'): CachedRecipient {
  return { id, reference: `Brukare ${id}`, housingType: 'rented_flat', serverStatus, performedAt: serverStatus === 'completed' ? NOW : null };
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

function queuedReviewFor(recipientId: string): OutboxReview {
  return declinedReviewItem(
    {
      clientId: `queued-${recipientId}`,
      userId: 'user-anna',
      recipientId,
      recipientReference: `Brukare ${recipientId}`,
      templateVersionId: 'template-v1',
      reason: 'not_now',
      deviceId: 'device-1',
      offeredAt: NOW,
    },
    NOW,
  );
}

const queuedClosing: OutboxCloseAction = {
  id: 'close-1',
  kind: 'close_action',
  userId: 'user-anna',
  recipientReference: 'Brukare recipient-1',
  payload: { actionId: 'action-1', outcome: 'done', note: null },
  createdAt: NOW,
  attempts: 0,
  nextAttemptAt: NOW,
  lastError: null,
};

describe('the review state shown for a care recipient', () => {
  it('is "not offered" when neither the phone nor the server knows of a review this period', () => {
    expect(recipientReviewState(recipient(null), [], [])).toBe('not_offered');
  });

  it.each([
    ['completed', 'done'],
    ['declined', 'declined'],
    ['offered', 'in_progress'],
    ['in_progress', 'in_progress'],
  ] as const)('follows the server: %s is shown as %s', (serverStatus, shown) => {
    expect(recipientReviewState(recipient(serverStatus), [], [])).toBe(shown);
  });

  it('is "in progress" while a review for the recipient is being filled in on this phone', () => {
    expect(recipientReviewState(recipient(null), [draftFor('recipient-1')], [])).toBe('in_progress');
  });

  it('is "waiting to sync" once a finished review sits in the outbox, whatever the server last said', () => {
    expect(recipientReviewState(recipient(null), [], [queuedReviewFor('recipient-1')])).toBe('waiting');
    expect(recipientReviewState(recipient('offered'), [draftFor('recipient-1')], [queuedReviewFor('recipient-1')])).toBe('waiting');
  });

  it("is not changed by another recipient's draft or queued review", () => {
    const state = recipientReviewState(recipient('declined'), [draftFor('recipient-2')], [queuedReviewFor('recipient-3')]);
    expect(state).toBe('declined');
  });

  it('is not changed by a queued closing of a follow-up action', () => {
    expect(recipientReviewState(recipient('completed'), [], [queuedClosing])).toBe('done');
  });
});
