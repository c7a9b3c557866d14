import { describe, expect, it } from 'vitest';
import { type OutboxDeviationReport, type StoredUser } from '../data/db.js';
import { reportDeviationOnPhone } from '../data/deviations.js';
import { attentionOf, decide, outboxOf } from '../data/outbox.js';
import type { DeviationReportInput, TypedDocumentString } from '../gql/graphql.js';
import { GraphQLRequestError, type RequestFailure } from './graphql-client.js';
import { ReportDeviationDocument } from './operations.js';
import { useSignedInPhone } from '../data/signed-in-phone.fixture.js';
import { flushOutbox, type SyncDeps } from './sync-engine.js';

const NOW = Date.parse('2026-11-27T09:00:00.000Z');
const SARA: StoredUser = { id: 'user-sara', displayName: 'Sara Personal', role: 'staff', unitId: 'unit-norr', email: 'sara@example.se' };

const report = (clientId: string): OutboxDeviationReport['payload'] => ({
  clientId,
  kind: 'fall',
  lexSarah: false,
  occurredAt: new Date(NOW - 3_600_000).toISOString(),
  description: 'Föll i hallen',
  immediateAction: null,
  recipientId: 'recipient-1',
});

/**
 * The server's reports by client id, as the real one keeps them; `answer` decides each request's fate, and
 * the first `lostAnswers` answers are lost on the way back after the report was stored.
 */
function fakeServer(answer: (input: DeviationReportInput) => RequestFailure | null = () => null, lostAnswers = 0) {
  let lost = 0;
  const stored = new Map<string, DeviationReportInput>();
  const sent: string[] = [];
  const request = async <TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>, variables: TVariables): Promise<TResult> => {
    if (document.toString() !== ReportDeviationDocument.toString()) throw new Error(`unexpected document ${document.toString()}`);
    const { input } = variables as unknown as { input: DeviationReportInput };
    sent.push(input.clientId);
    const failure = answer(input);
    if (failure) throw new GraphQLRequestError(failure);
    if (!stored.has(input.clientId)) stored.set(input.clientId, input);
    if (lost++ < lostAnswers) throw new GraphQLRequestError({ kind: 'offline', message: 'Failed to fetch' });
    return { reportDeviation: { clientId: input.clientId, lexSarah: input.lexSarah, investigateBy: '2026-12-11' } } as unknown as TResult;
  };
  const deps: SyncDeps = { request, token: async () => 'token-1', now: () => NOW, online: () => true };
  return { stored, sent, deps };
}

useSignedInPhone(SARA, NOW);

describe('a deviation report through the outbox', () => {
  it('is kept while offline, then sent once under the phone’s id, its kind in capitals', async () => {
    await reportDeviationOnPhone(SARA.id, report('11111111-1111-4111-8111-111111111111'), 'HT-0001', new Date(NOW));
    let online = false;
    const server = fakeServer(() => (online ? null : { kind: 'offline', message: 'Failed to fetch' }));
    await flushOutbox({ ...server.deps, online: () => false });
    expect(await outboxOf(SARA.id)).toHaveLength(1);

    online = true;
    await flushOutbox(server.deps);
    expect(await outboxOf(SARA.id)).toEqual([]);
    expect(new Set(server.sent)).toEqual(new Set(['11111111-1111-4111-8111-111111111111']));
    expect([...server.stored.values()]).toEqual([expect.objectContaining({ kind: 'FALL', description: 'Föll i hallen', recipientId: 'recipient-1' })]);
  });

  it('keeps a report whose answer was lost, and sends the same id again', async () => {
    await reportDeviationOnPhone(SARA.id, report('22222222-2222-4222-8222-222222222222'), 'HT-0001', new Date(NOW));
    const server = fakeServer(() => null, 1);
    await flushOutbox(server.deps);
    expect(server.stored.size).toBe(1);
    expect(await outboxOf(SARA.id)).toHaveLength(1);
    await flushOutbox({ ...server.deps, now: () => NOW + 60_000 });
    expect(await outboxOf(SARA.id)).toEqual([]);
    expect(new Set(server.sent).size).toBe(1);
    expect(server.stored.size).toBe(1);
  });

  it('puts a refused report under "needs attention", and lets it go without asking the server', async () => {
    await reportDeviationOnPhone(SARA.id, report('33333333-3333-4333-8333-333333333333'), 'HT-0001', new Date(NOW));
    const server = fakeServer(() => ({ kind: 'refused', code: 'FORBIDDEN', field: 'input.recipientId', message: 'This care recipient is outside your scope' }));
    await flushOutbox(server.deps);
    const [entry] = await attentionOf(SARA.id);
    expect(entry).toMatchObject({ code: 'FORBIDDEN', item: { kind: 'report_deviation', recipientReference: 'HT-0001' } });
    await decide(entry!.id, 'discard', 'Rapporterad till chefen i stället', new Date(NOW).toISOString());
    await flushOutbox(server.deps);
    expect(server.sent).toHaveLength(1);
    expect(await outboxOf(SARA.id)).toEqual([]);
    expect(await attentionOf(SARA.id)).toEqual([]);
  });
});
