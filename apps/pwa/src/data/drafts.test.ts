import { deleteDB } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DB_NAME, databaseExists, openHjuletDb, resetDbConnection, type OutboxReview, type ReviewDraft, type StoredUser } from './db.js';
import { createDraft, draftsOf, getDraft, moveDraftToOutbox, saveAnswer } from './drafts.js';
import { allOutboxItems, attentionOf, enqueue, moveToAttention, outboxOf } from './outbox.js';
import { clearSession, maybeSignedIn, readReference, readSession, writeReference, writeSession } from './session-store.js';

const ANNA: StoredUser = { id: 'user-anna', displayName: 'Anna Andersson', role: 'staff', unitId: 'unit-1', email: 'anna@example.se' };
const BERTIL: StoredUser = { id: 'user-bertil', displayName: 'Bertil Berg', role: 'staff', unitId: 'unit-1', email: 'bertil@example.se' };

let sequence = 0;

function draftOf(user: StoredUser, overrides: Partial<ReviewDraft> = {}): ReviewDraft {
  sequence += 1;
  return {
    clientId: `draft-${sequence}`,
    userId: user.id,
    recipientId: `recipient-${sequence}`,
    recipientReference: `Brukare ${sequence}`,
    templateVersionId: 'template-v1',
    answers: {},
    sectionIndex: 0,
    consentToShare: false,
    actions: [],
    offeredAt: '2025-03-10T08:00:00.000Z',
    updatedAt: '2025-03-10T08:00:00.000Z',
    ...overrides,
  };
}

/** What completing `draft` puts in the outbox (the payload's details do not matter here). */
function outboxItemFor(draft: ReviewDraft): OutboxReview {
  const now = '2025-03-10T09:00:00.000Z';
  return {
    id: draft.clientId,
    kind: 'review',
    userId: draft.userId,
    recipientReference: draft.recipientReference,
    payload: {
      clientId: draft.clientId,
      recipientId: draft.recipientId,
      templateVersionId: draft.templateVersionId,
      status: 'completed',
      offeredAt: draft.offeredAt,
      performedAt: now,
    },
    createdAt: now,
    attempts: 0,
    nextAttemptAt: now,
    lastError: null,
  };
}

async function logIn(user: StoredUser): Promise<void> {
  await writeSession({
    user,
    accessToken: 'a',
    accessTokenExpiresAt: '2025-03-10T10:00:00.000Z',
    refreshToken: 'r',
    refreshTokenExpiresAt: '2025-03-11T09:00:00.000Z',
  });
}

/** As if the tab was closed and opened again: a new connection to the same database. */
async function reopenDatabase(): Promise<void> {
  (await openHjuletDb()).close();
  resetDbConnection();
}

afterEach(async () => {
  vi.restoreAllMocks();
  await reopenDatabase();
  await deleteDB(DB_NAME);
});

describe('a review in progress', () => {
  it('keeps every answer after the page is closed and opened again', async () => {
    const draft = draftOf(ANNA);
    await createDraft(draft);

    await saveAnswer(draft.clientId, 'alarm_present', 'no');
    await saveAnswer(draft.clientId, 'stove_forgotten', 'yes');
    await reopenDatabase();

    expect((await getDraft(draft.clientId, ANNA.id))?.answers).toEqual({ alarm_present: 'no', stove_forgotten: 'yes' });
  });

  it('forgets an answer the user cleared', async () => {
    const draft = draftOf(ANNA, { answers: { alarm_present: 'no', notes: 'Röker i sängen' } });
    await createDraft(draft);

    await saveAnswer(draft.clientId, 'notes', undefined);
    await reopenDatabase();

    expect((await getDraft(draft.clientId, ANNA.id))?.answers).toEqual({ alarm_present: 'no' });
  });

  it('is not shown to another user of the same phone', async () => {
    const annas = draftOf(ANNA);
    const bertils = draftOf(BERTIL);
    await createDraft(annas);
    await createDraft(bertils);

    expect(await getDraft(annas.clientId, BERTIL.id)).toBeUndefined();
    expect((await draftsOf(BERTIL.id)).map((d) => d.clientId)).toEqual([bertils.clientId]);
    expect((await draftsOf(ANNA.id)).map((d) => d.clientId)).toEqual([annas.clientId]);
  });
});

describe('completing a review', () => {
  it('moves the draft to the outbox: afterwards it is in the outbox and no longer a draft', async () => {
    const draft = draftOf(ANNA);
    await createDraft(draft);

    await moveDraftToOutbox(draft.clientId, outboxItemFor(draft));
    await reopenDatabase();

    expect(await getDraft(draft.clientId, ANNA.id)).toBeUndefined();
    expect((await outboxOf(ANNA.id)).map((i) => i.id)).toEqual([draft.clientId]);
  });

  it('keeps the draft when the outbox cannot store the result (storage full)', async () => {
    const draft = draftOf(ANNA, { answers: { alarm_present: 'no' } });
    await createDraft(draft);
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      if (this.name === 'outbox') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.call(this, value, key);
    });

    await expect(moveDraftToOutbox(draft.clientId, outboxItemFor(draft))).rejects.toThrow('quota');
    vi.restoreAllMocks();
    await reopenDatabase();

    expect(await getDraft(draft.clientId, ANNA.id)).toEqual(draft);
    expect(await allOutboxItems()).toEqual([]);
  });
});

describe('logging out', () => {
  it("keeps the user's unsynced work but forgets the session and the reference data", async () => {
    await logIn(ANNA);
    const inProgress = draftOf(ANNA);
    const waiting = draftOf(ANNA);
    const refused = draftOf(ANNA);
    await createDraft(inProgress);
    await enqueue(outboxItemFor(waiting));
    await enqueue(outboxItemFor(refused));
    await moveToAttention([{ item: outboxItemFor(refused), code: 'FORBIDDEN', field: 'recipientId', message: 'Not in your unit' }]);
    await writeReference({
      userId: ANNA.id,
      safetyTemplateVersionId: 'template-v1',
      recipients: [{ id: 'r1', reference: 'Brukare 1', housingType: 'house', serverStatus: null, performedAt: null }],
      actions: [],
      fetchedAt: '2025-03-10T08:00:00.000Z',
    });

    await clearSession(ANNA.id);
    await reopenDatabase();

    expect(await readSession()).toBeUndefined();
    expect(await readReference(ANNA.id)).toBeUndefined();
    expect((await draftsOf(ANNA.id)).map((d) => d.clientId)).toEqual([inProgress.clientId]);
    expect((await outboxOf(ANNA.id)).map((i) => i.id)).toEqual([waiting.clientId]);
    expect((await attentionOf(ANNA.id)).map((a) => a.id)).toEqual([refused.clientId]);
  });
});

describe('the first screen, before IndexedDB answers', () => {
  it('knows at once whether someone may be logged in: a note beside the session follows login and logout', async () => {
    localStorage.clear();
    expect(maybeSignedIn()).toBe(false);
    await logIn(ANNA);
    expect(maybeSignedIn()).toBe(true);
    await clearSession(ANNA.id);
    expect(maybeSignedIn()).toBe(false);
  });

  it('reads no session and no waiting work on a phone where the database was never made, without making it', async () => {
    (await openHjuletDb()).close();
    resetDbConnection();
    await deleteDB(DB_NAME);
    expect(await databaseExists()).toBe(false);
    expect(await readSession()).toBeUndefined();
    expect(await allOutboxItems()).toEqual([]);
    expect(await databaseExists()).toBe(false);
    await logIn(ANNA);
    expect(await databaseExists()).toBe(true);
  });
});
