import { openHjuletDb, type OutboxRoutineConfirmation, type RoutineLibrary } from './db.js';

/** The routines a user reads, kept on the phone to read offline, and their "read and understood" taps. */

export async function readRoutines(userId: string): Promise<RoutineLibrary | undefined> {
  return (await openHjuletDb()).get('routines', userId);
}

export async function writeRoutines(library: RoutineLibrary): Promise<void> {
  await (await openHjuletDb()).put('routines', library);
}

/**
 * "Read and understood" of one version: into the outbox, sent by the sync engine like any result, stored
 * once by the server under `clientId`. A second tap on the same version while the first waits is the same
 * confirmation, so it adds nothing.
 */
export async function confirmRoutineOnPhone(
  userId: string,
  routine: { id: string; title: string; version: number },
  now = new Date(),
): Promise<OutboxRoutineConfirmation> {
  const tx = (await openHjuletDb()).transaction('outbox', 'readwrite');
  const waiting = (await tx.store.index('byUser').getAll(userId)).find(
    (i): i is OutboxRoutineConfirmation => i.kind === 'confirm_routine' && i.payload.routineId === routine.id && i.payload.version === routine.version,
  );
  if (waiting) {
    await tx.done;
    return waiting;
  }
  const clientId = crypto.randomUUID();
  const item: OutboxRoutineConfirmation = {
    id: clientId,
    kind: 'confirm_routine',
    userId,
    recipientReference: routine.title,
    payload: { clientId, routineId: routine.id, version: routine.version, confirmedAt: now.toISOString() },
    createdAt: now.toISOString(),
    attempts: 0,
    nextAttemptAt: now.toISOString(),
    lastError: null,
  };
  await tx.store.put(item);
  await tx.done;
  return item;
}

/** The versions of routines this user confirmed on the phone that wait to be sent: routine id → version. */
export async function waitingConfirmations(userId: string): Promise<Map<string, number>> {
  const items = await (await openHjuletDb()).getAllFromIndex('outbox', 'byUser', userId);
  const waiting = new Map<string, number>();
  for (const i of items) if (i.kind === 'confirm_routine') waiting.set(i.payload.routineId, Math.max(i.payload.version, waiting.get(i.payload.routineId) ?? 0));
  return waiting;
}
