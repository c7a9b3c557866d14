import { openHjuletDb, type OutboxReview, type SyncedReview } from './db.js';

/*
 * What this phone knows about finished reviews that its reference data may not show yet: those waiting in
 * the outbox, and those the server acknowledged since (the `synced` store). Shared phones: every user of
 * the phone sees that a recipient has such a review, and when, but never another user's answers.
 */

/** The period the server counts a review in: the calendar year of when it was offered. */
export const periodOf = (offeredAt: string): string => offeredAt.slice(0, 4);

/** A finished review on this phone, as much of it as the recipient list and the offer screen show. */
export interface PhoneReview {
  clientId: string;
  recipientId: string;
  status: 'completed' | 'declined';
  offeredAt: string;
  performedAt: string;
  period: string;
  /** `waiting`: in the outbox; `synced`: the server acknowledged it at `syncedAt`. */
  stage: 'waiting' | 'synced';
  syncedAt: string | null;
  /** Made by the user asking; otherwise by another user of this phone. */
  mine: boolean;
}

/**
 * The server has these reviews, with the status it stored: they leave the outbox and are remembered as
 * synced in the same transaction, so at no moment does the phone forget them.
 */
export async function acknowledgeReviews(stored: Array<{ item: OutboxReview; status: SyncedReview['status'] }>, syncedAt: string): Promise<void> {
  if (stored.length === 0) return;
  const tx = (await openHjuletDb()).transaction(['outbox', 'synced'], 'readwrite');
  for (const { item, status } of stored) {
    const { payload } = item;
    await tx.objectStore('synced').put({
      clientId: payload.clientId,
      userId: item.userId,
      recipientId: payload.recipientId,
      period: periodOf(payload.offeredAt),
      status,
      offeredAt: payload.offeredAt,
      performedAt: payload.performedAt,
      syncedAt,
    });
    await tx.objectStore('outbox').delete(item.id);
  }
  await tx.done;
}

/** Every finished review on this phone, of every user, stripped to what the list shows. */
export async function reviewsOnPhone(userId: string): Promise<PhoneReview[]> {
  const db = await openHjuletDb();
  const [outbox, synced] = await Promise.all([db.getAll('outbox'), db.getAll('synced')]);
  const waiting = outbox
    .filter((i): i is OutboxReview => i.kind === 'review')
    .map((i): PhoneReview => ({
      clientId: i.payload.clientId,
      recipientId: i.payload.recipientId,
      status: i.payload.status,
      offeredAt: i.payload.offeredAt,
      performedAt: i.payload.performedAt,
      period: periodOf(i.payload.offeredAt),
      stage: 'waiting',
      syncedAt: null,
      mine: i.userId === userId,
    }));
  const sent = synced.map((s): PhoneReview => ({
    clientId: s.clientId,
    recipientId: s.recipientId,
    status: s.status,
    offeredAt: s.offeredAt,
    performedAt: s.performedAt,
    period: s.period,
    stage: 'synced',
    syncedAt: s.syncedAt,
    mine: s.userId === userId,
  }));
  return [...waiting, ...sent];
}

/**
 * Reference data asked for at `fetchedAt` shows what was synced before then, for the recipients it
 * lists: those records are no longer needed. Records of earlier periods go too. Others stay, for the user
 * whose list has the recipient.
 */
export async function forgetReflectedReviews(fetchedAt: string, recipientIds: ReadonlySet<string>, period: string): Promise<void> {
  const tx = (await openHjuletDb()).transaction('synced', 'readwrite');
  for (const record of await tx.store.getAll()) {
    if ((recipientIds.has(record.recipientId) && record.syncedAt < fetchedAt) || record.period < period) await tx.store.delete(record.clientId);
  }
  await tx.done;
}
