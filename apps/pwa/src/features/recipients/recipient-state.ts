import type { CachedRecipient, OutboxItem, ReviewDraft } from '../../data/db.js';

export type RecipientReviewState = 'not_offered' | 'declined' | 'in_progress' | 'done' | 'waiting';

/**
 * What the list shows for one recipient this period: the phone's own work first (a review waiting to
 * sync, or in progress here), then what the server last said.
 */
export function recipientReviewState(recipient: CachedRecipient, drafts: ReviewDraft[], outbox: OutboxItem[]): RecipientReviewState {
  if (outbox.some((i) => i.kind === 'review' && i.payload.recipientId === recipient.id)) return 'waiting';
  if (drafts.some((d) => d.recipientId === recipient.id)) return 'in_progress';
  switch (recipient.serverStatus) {
    case 'completed':
      return 'done';
    case 'declined':
      return 'declined';
    case 'offered':
    case 'in_progress':
      return 'in_progress';
    default:
      return 'not_offered';
  }
}
