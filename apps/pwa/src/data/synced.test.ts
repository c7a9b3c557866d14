import { deleteDB, openDB, type IDBPDatabase } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { declinedReviewItem } from '../features/review/review-payload.js';
import { DB_NAME, openHjuletDb, resetDbConnection, UPGRADE_STEPS, type HjuletSchema, type OutboxReview } from './db.js';
import { enqueue, outboxOf } from './outbox.js';
import { readSession } from './session-store.js';
import { acknowledgeReviews, forgetReflectedReviews, reviewsOnPhone } from './synced.js';

afterEach(async () => {
  (await openHjuletDb()).close();
  resetDbConnection();
  await deleteDB(DB_NAME);
});

let sequence = 0;
function queued(userId: string, recipientId: string, offeredAt = '2025-03-10T08:00:00.000Z'): OutboxReview {
  sequence += 1;
  return declinedReviewItem(
    {
      clientId: `review-${sequence}`,
      userId,
      recipientId,
      recipientReference: `Brukare ${recipientId}`,
      templateVersionId: 'template-v1',
      reason: 'Vill inte just nu',
      deviceId: 'device-1',
      offeredAt,
    },
    '2025-03-10T08:30:00.000Z',
  );
}

describe('reviews this phone knows of before the reference data shows them', () => {
  it("shows another user's queued review only as a recipient, a status and dates: never its content", async () => {
    const annas = queued('user-anna', 'recipient-1');
    await enqueue(annas);

    const seenByBertil = await reviewsOnPhone('user-bertil');
    expect(seenByBertil).toEqual([
      {
        clientId: annas.id,
        recipientId: 'recipient-1',
        status: 'declined',
        offeredAt: '2025-03-10T08:00:00.000Z',
        performedAt: '2025-03-10T08:30:00.000Z',
        period: '2025',
        stage: 'waiting',
        syncedAt: null,
        mine: false,
      },
    ]);
    expect(JSON.stringify(seenByBertil)).not.toContain('Vill inte');
    expect((await reviewsOnPhone('user-anna'))[0]?.mine).toBe(true);
  });

  it('moves an acknowledged review from the outbox to the synced ones in one step', async () => {
    const item = queued('user-anna', 'recipient-1');
    await enqueue(item);

    await acknowledgeReviews([{ item, status: 'declined' }], '2025-03-10T09:00:00.000Z');

    expect(await outboxOf('user-anna')).toEqual([]);
    expect(await reviewsOnPhone('user-anna')).toEqual([expect.objectContaining({ clientId: item.id, stage: 'synced', syncedAt: '2025-03-10T09:00:00.000Z' })]);
  });

  it('forgets a synced review once reference data asked for after it lists the recipient, and those of past periods', async () => {
    const [shown, notYet, otherUnit, lastYear] = [
      queued('user-anna', 'recipient-1'),
      queued('user-anna', 'recipient-2'),
      queued('user-anna', 'recipient-elsewhere'),
      queued('user-anna', 'recipient-3', '2024-12-30T08:00:00.000Z'),
    ];
    await acknowledgeReviews([{ item: shown, status: 'completed' }], '2025-03-10T09:00:00.000Z');
    await acknowledgeReviews([{ item: notYet, status: 'completed' }], '2025-03-10T09:10:00.000Z');
    await acknowledgeReviews([{ item: otherUnit, status: 'completed' }], '2025-03-10T09:00:00.000Z');
    await acknowledgeReviews([{ item: lastYear, status: 'completed' }], '2025-03-10T09:00:00.000Z');

    await forgetReflectedReviews('2025-03-10T09:05:00.000Z', new Set(['recipient-1', 'recipient-2', 'recipient-3']), '2025');

    expect((await reviewsOnPhone('user-anna')).map((r) => r.clientId).sort()).toEqual([notYet.id, otherUnit.id].sort());
  });
});

describe('the database on a phone that had the previous version', () => {
  it('keeps the session, drafts, outbox and everything else when it gains the store of synced reviews', async () => {
    const old = await openDB(DB_NAME, 1, {
      // Version 1 as the app's own first upgrade step creates it (its records, below, have version 1's shape).
      upgrade: (db) => UPGRADE_STEPS[0]?.(db as unknown as IDBPDatabase<HjuletSchema>),
    });
    const waiting = queued('user-anna', 'recipient-1');
    await old.put('outbox', waiting);
    await old.put('session', { key: 'current', user: { id: 'user-anna' } });
    old.close();
    resetDbConnection();

    expect((await openHjuletDb()).version).toBeGreaterThanOrEqual(2);
    expect(await outboxOf('user-anna')).toEqual([waiting]);
    expect((await readSession())?.user.id).toBe('user-anna');
    await acknowledgeReviews([{ item: waiting, status: 'declined' }], '2025-03-10T09:00:00.000Z');
    expect((await reviewsOnPhone('user-anna')).map((r) => r.stage)).toEqual(['synced']);
  });
});
