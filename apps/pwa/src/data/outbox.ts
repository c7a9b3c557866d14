import { databaseExists, openHjuletDb, type AttentionItem, type OutboxDecision, type OutboxItem, type ReviewDraft } from './db.js';
import { textDraftKey } from './text-drafts.js';

/** Results waiting to reach the server, oldest first, and those the server refused. */

export async function outboxOf(userId: string): Promise<OutboxItem[]> {
  const items = await (await openHjuletDb()).getAllFromIndex('outbox', 'byUser', userId);
  return items.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

export async function allOutboxItems(): Promise<OutboxItem[]> {
  if (!(await databaseExists())) return [];
  return (await openHjuletDb()).getAll('outbox');
}

export async function enqueue(item: OutboxItem): Promise<void> {
  await (await openHjuletDb()).put('outbox', item);
}

/**
 * Takes back an item that is still waiting (a closing the user undid within its grace period); false
 * when it is no longer in the outbox.
 */
export async function withdraw(id: string): Promise<boolean> {
  const tx = (await openHjuletDb()).transaction('outbox', 'readwrite');
  const found = (await tx.store.get(id)) !== undefined;
  if (found) await tx.store.delete(id);
  await tx.done;
  return found;
}

/** Makes an item held back (`nextAttemptAt` in the future) due now, if it is still waiting. */
export async function releaseNow(id: string, now = Date.now()): Promise<void> {
  const tx = (await openHjuletDb()).transaction('outbox', 'readwrite');
  const item = await tx.store.get(id);
  if (item) await tx.store.put({ ...item, nextAttemptAt: new Date(now).toISOString() });
  await tx.done;
}

/** The server has it: remove from the outbox. */
export async function acknowledge(ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const tx = (await openHjuletDb()).transaction('outbox', 'readwrite');
  await Promise.all([...ids.map((id) => tx.store.delete(id)), tx.done]);
}

/** The server refused it: keep it, with the reason, where the user will see it. Never dropped. */
export async function moveToAttention(entries: Array<Omit<AttentionItem, 'id' | 'userId' | 'refusedAt'>>): Promise<void> {
  if (entries.length === 0) return;
  const tx = (await openHjuletDb()).transaction(['outbox', 'attention'], 'readwrite');
  const now = new Date().toISOString();
  for (const entry of entries) {
    await tx.objectStore('attention').put({ ...entry, id: entry.item.id, userId: entry.item.userId, refusedAt: now });
    await tx.objectStore('outbox').delete(entry.item.id);
  }
  await tx.done;
}

/** The longest wait between two tries of a result, before jitter. */
export const MAX_BACKOFF_MS = 20_000;

/**
 * A failed attempt: try again after a backoff that doubles from 5 s up to 20 s, with jitter; or, when a
 * busy server said how long to wait (`retryAfterMs`, from a 503's Retry-After), after that long and up to
 * half as long again. The server's word wins over the backoff both ways: it may ask for more, and a phone
 * whose items failed through a long outage (attempts high, backoff at its cap) is not held 20 s by a
 * server that asked for 2. The soak found that: 50 phones draining their backlogs at once were refused by
 * admission control, and each refusal cost them the capped backoff, twice over the 30 s stall limit.
 * The jitter spreads the phones a busy server refused together, so they do not come back together.
 */
export async function recordFailedAttempt(ids: string[], error: string, now = Date.now(), random = Math.random, retryAfterMs = 0): Promise<void> {
  if (ids.length === 0) return;
  const tx = (await openHjuletDb()).transaction('outbox', 'readwrite');
  for (const id of ids) {
    const item = await tx.store.get(id);
    if (!item) continue;
    const attempts = item.attempts + 1;
    await tx.store.put({
      ...item,
      attempts,
      lastError: error,
      nextAttemptAt: new Date(now + (retryAfterMs > 0 ? Math.round(retryAfterMs * (1 + random() * 0.5)) : backoffMs(attempts, random))).toISOString(),
    });
  }
  await tx.done;
}

/**
 * 5 s doubling to 20 s, with jitter. The cap is short on purpose: a phone whose results failed through a long
 * outage must send them within half a minute of the server coming back (the soak's stall limit, issue 11),
 * not after a ten-minute wait; at a municipality's few hundred phones, a retry every 20 s each is a few
 * requests a second. A server that sheds load says how long to wait (Retry-After), and that wins
 * (`recordFailedAttempt`).
 */
export function backoffMs(attempts: number, random = Math.random): number {
  const base = Math.min(5_000 * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);
  return Math.round(base * (0.75 + random() * 0.5));
}

export async function attentionOf(userId: string): Promise<AttentionItem[]> {
  return (await openHjuletDb()).getAllFromIndex('attention', 'byUser', userId);
}

/** The user dealt with a refused result (e.g. their manager moved the recipient back): try it again. */
export async function retryFromAttention(id: string): Promise<void> {
  const tx = (await openHjuletDb()).transaction(['outbox', 'attention'], 'readwrite');
  const entry = await tx.objectStore('attention').get(id);
  if (entry) {
    await tx.objectStore('outbox').put({ ...entry.item, attempts: 0, lastError: null, nextAttemptAt: new Date(0).toISOString() });
    await tx.objectStore('attention').delete(id);
  }
  await tx.done;
}

/**
 * The worker decided what to do about a refused result: hand it over, or discard it with a reason. The
 * entry moves to the outbox in one transaction, and leaves the phone only when the server acknowledges
 * the decision (or comes back here if the server does not take it).
 */
export async function decide(entryId: string, kind: OutboxDecision['kind'], reason: string, now = new Date().toISOString()): Promise<void> {
  const tx = (await openHjuletDb()).transaction(['outbox', 'attention'], 'readwrite');
  const entry = await tx.objectStore('attention').get(entryId);
  if (entry) {
    const decision: OutboxDecision = {
      id: entry.id,
      kind,
      userId: entry.userId,
      recipientReference: entry.item.recipientReference,
      entry,
      reason,
      createdAt: now,
      attempts: 0,
      nextAttemptAt: now,
      lastError: null,
    };
    await tx.objectStore('outbox').put(decision);
    await tx.objectStore('attention').delete(entryId);
  }
  await tx.done;
}

/** The server did not take a decision: the result is back under "needs attention", with the new refusal if there is one. */
export async function returnToAttention(
  decision: OutboxDecision,
  refusal?: Pick<AttentionItem, 'code' | 'reason' | 'field' | 'message' | 'requestId'>,
): Promise<void> {
  const tx = (await openHjuletDb()).transaction(['outbox', 'attention'], 'readwrite');
  const entry = refusal ? { ...decision.entry, ...refusal, refusedAt: new Date().toISOString() } : decision.entry;
  await tx.objectStore('attention').put(entry);
  await tx.objectStore('outbox').delete(decision.id);
  await tx.done;
}

/** "Open and correct": a refused review becomes a draft again, to be answered and finished anew. */
export async function reopenAsDraft(entryId: string, draft: ReviewDraft): Promise<void> {
  const tx = (await openHjuletDb()).transaction(['drafts', 'attention'], 'readwrite');
  await tx.objectStore('drafts').put(draft);
  await tx.objectStore('attention').delete(entryId);
  await tx.done;
}

/** "Open and correct" for a declined review: its decline form again, with what was written, ready to save anew. */
export async function reopenAsTextDraft(entryId: string, userId: string, scope: string, value: string): Promise<void> {
  const tx = (await openHjuletDb()).transaction(['meta', 'attention'], 'readwrite');
  await tx.objectStore('meta').put({ key: textDraftKey(userId, scope), value });
  await tx.objectStore('attention').delete(entryId);
  await tx.done;
}
