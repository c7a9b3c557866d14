import { describe, expect, it } from 'vitest';
import { type StoredUser } from '../data/db.js';
import { attentionOf, decide, outboxOf } from '../data/outbox.js';
import { confirmRoutineOnPhone, waitingConfirmations } from '../data/routines.js';
import type { RoutineConfirmationInput, TypedDocumentString } from '../gql/graphql.js';
import { GraphQLRequestError, type RequestFailure } from './graphql-client.js';
import { ConfirmRoutineDocument } from './operations.js';
import { useSignedInPhone } from '../data/signed-in-phone.fixture.js';
import { flushOutbox, type SyncDeps } from './sync-engine.js';

const NOW = Date.parse('2026-11-27T09:00:00.000Z');
const SARA: StoredUser = { id: 'user-sara', displayName: 'Sara Personal', role: 'staff', unitId: 'unit-norr', email: 'sara@example.se' };
const SMOKE_ALARM = { id: 'routine-1', title: 'Provning av brandvarnare', version: 2 };

/** The server's confirmations by client id, as the real one keeps them; `answer` decides each request's fate. */
function fakeServer(answer: (input: RoutineConfirmationInput) => RequestFailure | null = () => null) {
  const stored = new Map<string, RoutineConfirmationInput>();
  const sent: string[] = [];
  const request = async <TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>, variables: TVariables): Promise<TResult> => {
    if (document.toString() !== ConfirmRoutineDocument.toString()) throw new Error(`unexpected document ${document.toString()}`);
    const { input } = variables as unknown as { input: RoutineConfirmationInput };
    sent.push(input.clientId);
    const failure = answer(input);
    if (failure) throw new GraphQLRequestError(failure);
    if (!stored.has(input.clientId)) stored.set(input.clientId, input);
    return { confirmRoutine: { clientId: input.clientId, version: input.version } } as unknown as TResult;
  };
  const deps: SyncDeps = { request, token: async () => 'token-1', now: () => NOW, online: () => true };
  return { stored, sent, deps };
}

useSignedInPhone(SARA, NOW);

describe('"read and understood" through the outbox', () => {
  it('keeps a confirmation made offline until the server has it, and sends the same one again', async () => {
    await confirmRoutineOnPhone(SARA.id, SMOKE_ALARM, new Date(NOW - 60_000));
    let online = false;
    const server = fakeServer(() => (online ? null : { kind: 'offline', message: 'Failed to fetch' }));

    await flushOutbox({ ...server.deps, online: () => false });
    expect(await outboxOf(SARA.id)).toHaveLength(1);
    expect(await waitingConfirmations(SARA.id)).toEqual(new Map([[SMOKE_ALARM.id, 2]]));

    online = true;
    await flushOutbox(server.deps);
    expect(await outboxOf(SARA.id)).toEqual([]);
    expect(new Set(server.sent).size).toBe(1);
    expect([...server.stored.values()]).toEqual([
      expect.objectContaining({ routineId: SMOKE_ALARM.id, version: 2, confirmedAt: new Date(NOW - 60_000).toISOString() }),
    ]);
  });

  it('counts a second tap on the same version as the first', async () => {
    const first = await confirmRoutineOnPhone(SARA.id, SMOKE_ALARM);
    const second = await confirmRoutineOnPhone(SARA.id, SMOKE_ALARM);
    expect(second.id).toBe(first.id);
    expect(await outboxOf(SARA.id)).toHaveLength(1);
  });

  it('puts a refused confirmation under "needs attention", and lets it go without asking the server', async () => {
    await confirmRoutineOnPhone(SARA.id, SMOKE_ALARM, new Date(NOW));
    const server = fakeServer(() => ({ kind: 'refused', code: 'FORBIDDEN', field: 'input.routineId', message: 'This routine is outside your scope' }));
    await flushOutbox(server.deps);
    const [entry] = await attentionOf(SARA.id);
    expect(entry).toMatchObject({ code: 'FORBIDDEN', item: { kind: 'confirm_routine', recipientReference: SMOKE_ALARM.title } });
    expect(await outboxOf(SARA.id)).toEqual([]);

    await decide(entry!.id, 'discard', 'Rutinen gäller inte mig längre', new Date(NOW).toISOString());
    await flushOutbox(server.deps);
    expect(server.sent).toHaveLength(1);
    expect(await outboxOf(SARA.id)).toEqual([]);
    expect(await attentionOf(SARA.id)).toEqual([]);
  });
});
