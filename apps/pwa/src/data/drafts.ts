import type { AnswerValue } from '@hjulet/domain';
import { openHjuletDb, type AgreedAction, type OutboxReview, type ReviewDraft } from './db.js';

/** Reviews in progress on this phone. Every change is committed to IndexedDB before the promise resolves. */

export async function createDraft(draft: ReviewDraft): Promise<void> {
  const db = await openHjuletDb();
  await db.put('drafts', draft);
}

export async function getDraft(clientId: string, userId: string): Promise<ReviewDraft | undefined> {
  const draft = await (await openHjuletDb()).get('drafts', clientId);
  return draft?.userId === userId ? draft : undefined;
}

export async function draftsOf(userId: string): Promise<ReviewDraft[]> {
  return (await openHjuletDb()).getAllFromIndex('drafts', 'byUser', userId);
}

async function updateDraft(clientId: string, change: (draft: ReviewDraft) => ReviewDraft): Promise<ReviewDraft> {
  const db = await openHjuletDb();
  const tx = db.transaction('drafts', 'readwrite');
  const draft = await tx.store.get(clientId);
  if (!draft) throw new Error(`no draft ${clientId}`);
  const next = { ...change(draft), updatedAt: new Date().toISOString() };
  await tx.store.put(next);
  await tx.done;
  return next;
}

/** One tap: the answer (or its removal, with `undefined`) is on disk when this resolves. */
export function saveAnswer(clientId: string, itemKey: string, value: AnswerValue | undefined): Promise<ReviewDraft> {
  return updateDraft(clientId, (draft) => {
    const answers = { ...draft.answers };
    if (value === undefined) delete answers[itemKey];
    else answers[itemKey] = value;
    return { ...draft, answers };
  });
}

export function replaceAnswers(clientId: string, answers: ReviewDraft['answers']): Promise<ReviewDraft> {
  return updateDraft(clientId, (draft) => ({ ...draft, answers }));
}

export function saveSectionIndex(clientId: string, sectionIndex: number): Promise<ReviewDraft> {
  return updateDraft(clientId, (draft) => ({ ...draft, sectionIndex }));
}

export function saveAgreement(clientId: string, consentToShare: boolean, actions: AgreedAction[]): Promise<ReviewDraft> {
  return updateDraft(clientId, (draft) => ({ ...draft, consentToShare, actions }));
}

/** Which risks the summary shows folded: kept with the draft, so a reload shows the same summary. */
export function saveCollapsedRisks(clientId: string, collapsedRisks: string[]): Promise<ReviewDraft> {
  return updateDraft(clientId, (draft) => ({ ...draft, collapsedRisks }));
}

export async function discardDraft(clientId: string): Promise<void> {
  await (await openHjuletDb()).delete('drafts', clientId);
}

/**
 * Finishing a review moves it from drafts to the outbox in one transaction: at no moment is it in
 * neither, and never in both.
 */
export async function moveDraftToOutbox(clientId: string, item: OutboxReview): Promise<void> {
  const db = await openHjuletDb();
  const tx = db.transaction(['drafts', 'outbox'], 'readwrite');
  await tx.objectStore('outbox').put(item);
  await tx.objectStore('drafts').delete(clientId);
  await tx.done;
}
