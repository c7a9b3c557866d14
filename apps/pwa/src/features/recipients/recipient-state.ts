import type { CachedRecipient, ReferenceData, ReviewDraft } from '../../data/db.js';
import type { PhoneReview } from '../../data/synced.js';

export type RecipientReviewState = 'not_offered' | 'declined' | 'in_progress' | 'done' | 'waiting';

/** What the reference data says about when it was fetched and for which period. */
export type ReferenceView = Pick<ReferenceData, 'fetchedAt' | 'period'>;

/** The period the list is for: the server's, or this year on the phone's clock for data fetched by an older version. */
export const periodOfReference = (reference: ReferenceView): string => reference.period ?? String(new Date().getFullYear());

/** Reviews of the recipient that the server has, but that the reference data was fetched too early to show. */
function syncedSinceFetch(recipientId: string, reviews: PhoneReview[], reference: ReferenceView): PhoneReview[] {
  const period = periodOfReference(reference);
  return reviews.filter(
    (r) => r.recipientId === recipientId && r.stage === 'synced' && r.period === period && r.syncedAt !== null && r.syncedAt >= reference.fetchedAt,
  );
}

/**
 * What the list shows for one recipient this period: a review waiting to sync on this phone (anyone's: a
 * shared phone), one in progress here (one's own), then the most telling of what the server last said and
 * what this phone synced since, so the status goes from "waiting" to done without falling back to "not offered".
 */
export function recipientReviewState(
  recipient: CachedRecipient,
  drafts: ReviewDraft[],
  reviews: PhoneReview[],
  reference: ReferenceView,
): RecipientReviewState {
  if (reviews.some((r) => r.recipientId === recipient.id && r.stage === 'waiting')) return 'waiting';
  if (drafts.some((d) => d.recipientId === recipient.id)) return 'in_progress';
  const statuses = new Set<string | null>([recipient.serverStatus, ...syncedSinceFetch(recipient.id, reviews, reference).map((r) => r.status)]);
  if (statuses.has('completed')) return 'done';
  if (statuses.has('declined')) return 'declined';
  if (statuses.has('offered') || statuses.has('in_progress')) return 'in_progress';
  return 'not_offered';
}

/** A finished review of the recipient in this period, as the offer screen shows it. */
export interface ExistingReview {
  state: 'waiting' | 'done' | 'declined';
  /** When it was completed or declined (device time). */
  performedAt: string | null;
  /** Made by another user of this phone: shown without anything else of theirs. */
  byOtherUser: boolean;
}

/**
 * The finished reviews of the recipient in this period that the phone knows of: waiting to sync here,
 * synced since the reference data was fetched, and the one the server reported. Newest first, waiting first.
 */
export function existingReviews(recipient: CachedRecipient, reviews: PhoneReview[], reference: ReferenceView): ExistingReview[] {
  const period = periodOfReference(reference);
  const found: ExistingReview[] = [];
  const seen = new Set<string>();
  const add = (review: ExistingReview) => {
    const key = `${review.state === 'waiting' ? 'waiting' : 'finished'}|${review.performedAt}`;
    if (seen.has(key)) return;
    seen.add(key);
    found.push(review);
  };
  const stateOf = (status: PhoneReview['status']) => (status === 'completed' ? 'done' : 'declined');
  const byDate = (a: PhoneReview, b: PhoneReview) => b.performedAt.localeCompare(a.performedAt);
  const waiting = reviews.filter((r) => r.recipientId === recipient.id && r.stage === 'waiting' && r.period === period).sort(byDate);
  for (const r of waiting) add({ state: 'waiting', performedAt: r.performedAt, byOtherUser: !r.mine });
  const finished: ExistingReview[] = syncedSinceFetch(recipient.id, reviews, reference)
    .sort(byDate)
    .map((r) => ({ state: stateOf(r.status), performedAt: r.performedAt, byOtherUser: !r.mine }));
  if (recipient.serverStatus === 'completed' || recipient.serverStatus === 'declined') {
    finished.push({ state: stateOf(recipient.serverStatus), performedAt: recipient.performedAt, byOtherUser: false });
  }
  finished.sort((a, b) => (b.performedAt ?? '').localeCompare(a.performedAt ?? ''));
  for (const r of finished) add(r);
  return found;
}

/** The list's filters: to offer (not offered, or started and not finished), waiting to sync, done, declined. */
export const FILTERS = ['all', 'to_offer', 'waiting', 'done', 'declined'] as const;
export type RecipientFilter = (typeof FILTERS)[number];

const FILTER_OF: Record<RecipientReviewState, Exclude<RecipientFilter, 'all'>> = {
  in_progress: 'to_offer',
  not_offered: 'to_offer',
  waiting: 'waiting',
  declined: 'declined',
  done: 'done',
};

// Still to do first (the one started here before the untouched ones), then what is settled.
const ORDER: Record<RecipientReviewState, number> = { in_progress: 0, not_offered: 1, waiting: 2, declined: 3, done: 4 };

export interface RecipientRow {
  recipient: CachedRecipient;
  state: RecipientReviewState;
}

/** The list as shown: every recipient with its state, those still to be offered first, then by reference. */
export function recipientRows(recipients: CachedRecipient[], drafts: ReviewDraft[], reviews: PhoneReview[], reference: ReferenceView): RecipientRow[] {
  return recipients
    .map((recipient) => ({ recipient, state: recipientReviewState(recipient, drafts, reviews, reference) }))
    .sort((a, b) => ORDER[a.state] - ORDER[b.state] || a.recipient.reference.localeCompare(b.recipient.reference, 'sv'));
}

export const matchesFilter = (row: RecipientRow, filter: RecipientFilter): boolean => filter === 'all' || FILTER_OF[row.state] === filter;

/** How many rows each filter shows. */
export function filterCounts(rows: RecipientRow[]): Record<RecipientFilter, number> {
  const counts = Object.fromEntries(FILTERS.map((f) => [f, 0])) as Record<RecipientFilter, number>;
  for (const row of rows) {
    counts.all += 1;
    counts[FILTER_OF[row.state]] += 1;
  }
  return counts;
}
