import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestServer, type TestServer } from '../../test/support/test-server.js';
import { reviewInput, safetyTemplate } from '../../test/support/factories.js';
import { auditRowsOf } from '../../test/support/audit-rows.js';

/*
 * handOverReview: a result the server refused because its recipient moved to another unit is stored where
 * the recipient is now, once, audited as a hand-over; anything else is refused and nothing is written.
 * discardResult: a refused result the phone throws away is recorded with the reason, once per client id.
 */

interface Result {
  outcome: string;
  review: { id: string; unitId: string; handedOverFromUnitId: string | null; performedById: string; actions: Array<{ unitId: string }> } | null;
  error: { code: string; reason: string; field: string | null } | null;
}

const SUBMIT = `mutation($input: [ReviewInput!]!) { submitReviews(input: $input) { outcome error { code reason field } } }`;
const HAND_OVER = `mutation($input: ReviewInput!, $reason: String!) {
  handOverReview(input: $input, reason: $reason) {
    outcome
    review { id unitId handedOverFromUnitId performedById actions { unitId } }
    error { code reason field }
  }
}`;
const DISCARD = `mutation($input: DiscardResultInput!) { discardResult(input: $input) { clientId kind recipientId actionId reason refusalCode discardedById discardedAt } }`;

let server: TestServer;
let staff: string;
let staffId: string;
let admin: string;
let norrUnit: string;
let soderUnit: string;
let norr: string[];

beforeAll(async () => {
  server = await startTestServer();
  staff = await server.tokenFor(DEMO.staff);
  admin = await server.tokenFor(DEMO.admin);
  [norrUnit, soderUnit] = server.seed.unitIds as [string, string];
  norr = server.seed.recipients.filter((r) => r.unitId === norrUnit).map((r) => r.id);
  const me = await server.gql<{ me: { id: string } }>(`{ me { id } }`, {}, staff);
  staffId = me.data?.me.id as string;
});
afterAll(() => server?.close());

let next = 0;
/** A recipient of Norr that no other test of this file uses. */
const freshRecipient = () => norr[next++] as string;

async function move(recipientId: string, unitId: string): Promise<void> {
  const res = await server.gql(
    `mutation($id: UUID!, $u: UUID!) { updateCareRecipient(id: $id, input: { unitId: $u }) { id } }`,
    { id: recipientId, u: unitId },
    admin,
  );
  expect(res.errors).toBeUndefined();
}

/** A GraphQL request with its own request id, to read back the audit rows it wrote. */
async function post<T>(query: string, variables: Record<string, unknown>, token = staff) {
  const requestId = `test-${randomUUID()}`;
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': requestId, authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T | null; errors?: Array<{ extensions?: { code?: string; field?: string } }> };
  return { data: body.data, errors: body.errors, requestId };
}

const submit = async (input: unknown) => (await server.gql<{ submitReviews: Result[] }>(SUBMIT, { input: [input] }, staff)).data?.submitReviews[0];

async function handOver(input: unknown, reason = 'Brukaren har flyttat till Söder', token = staff) {
  const { data, errors, requestId } = await post<{ handOverReview: Result }>(HAND_OVER, { input, reason }, token);
  return { result: data?.handOverReview, errors, requestId };
}

/** A review done in Norr while its recipient moved to Söder, and refused by submitReviews for that. */
async function refusedForMove(overrides: Record<string, unknown> = {}) {
  const recipientId = freshRecipient();
  const input = reviewInput(recipientId, server.seed.templateVersionId, overrides);
  await move(recipientId, soderUnit);
  expect(await submit(input)).toMatchObject({ outcome: 'REJECTED', error: { code: 'FORBIDDEN', reason: 'RECIPIENT_OTHER_UNIT' } });
  return { recipientId, input };
}

const reviewsSeenBy = async (email: string, recipientId: string) => {
  const res = await server.gql<{ reviews: { edges: Array<{ node: { clientId: string; unitId: string } }> } }>(
    `query($r: UUID) { reviews(filter: { recipientId: $r }) { edges { node { clientId unitId } } } }`,
    { r: recipientId },
    await server.tokenFor(email),
  );
  return res.data?.reviews.edges.map((e) => e.node) ?? [];
};

describe('handOverReview', () => {
  it("stores a refused review with the recipient's new unit, visible to that unit's manager, audited as a hand-over", async () => {
    const action = { clientId: randomUUID(), itemKey: 'alarm_present', what: 'Hyresvärden monterar brandvarnare', actor: 'HOME_CARE_CONTACTS_LANDLORD' };
    const { recipientId, input } = await refusedForMove({ actions: [action] });

    const { result } = await handOver(input);

    expect(result).toMatchObject({
      outcome: 'CREATED',
      review: { unitId: soderUnit, handedOverFromUnitId: norrUnit, performedById: staffId, actions: [{ unitId: soderUnit }] },
    });
    expect(await reviewsSeenBy(DEMO.managerSoder, recipientId)).toContainEqual({ clientId: input.clientId, unitId: soderUnit });
    expect((await reviewsSeenBy(DEMO.manager, recipientId)).map((r) => r.clientId)).not.toContain(input.clientId);
    const audit: Array<{ action: string; details: Record<string, unknown> }> = await server.dataSource.query(
      `SELECT action, details FROM audit_event WHERE entity_id = $1 AND action IN ('create', 'hand_over') ORDER BY id`,
      [result?.review?.id],
    );
    expect(audit).toEqual([
      { action: 'create', details: expect.objectContaining({ via: 'handOverReview', clientId: input.clientId }) },
      {
        action: 'hand_over',
        details: { clientId: input.clientId, fromUnitId: norrUnit, toUnitId: soderUnit, reason: 'Brukaren har flyttat till Söder' },
      },
    ]);
  });

  it('stores it exactly once: the same result again is ALREADY_STORED, other content under its client id CONFLICT', async () => {
    const { input } = await refusedForMove();
    const first = await handOver(input);
    const again = await handOver(input);
    expect(again.result).toMatchObject({ outcome: 'ALREADY_STORED', review: { id: first.result?.review?.id } });
    // The phone may also send it through its outbox again: the same result, stored.
    expect(await submit(input)).toMatchObject({ outcome: 'ALREADY_STORED' });

    const before = await server.tableCounts();
    const altered = await handOver({ ...input, consentToShareWithFireService: !input.consentToShareWithFireService });
    expect(altered.result).toMatchObject({ outcome: 'REJECTED', error: { code: 'CONFLICT', reason: 'STORED_WITH_OTHER_CONTENT', field: 'clientId' } });
    expect(await server.tableCounts()).toEqual(before);
  });

  it('refuses a result the server never refused the caller for another unit, and writes nothing but the refusal', async () => {
    const recipientId = freshRecipient();
    await move(recipientId, soderUnit);
    const input = reviewInput(recipientId, server.seed.templateVersionId);
    const before = await server.tableCounts();

    const { result, requestId } = await handOver(input);

    expect(result).toMatchObject({ outcome: 'REJECTED', review: null, error: { code: 'FORBIDDEN', reason: 'HANDOVER_NOT_ALLOWED', field: 'clientId' } });
    expect(await server.tableCounts()).toEqual(before);
    expect(await auditRowsOf(server, requestId)).toEqual([
      expect.objectContaining({
        action: 'refused',
        entity_type: 'care_recipient',
        entity_id: recipientId,
        details: expect.objectContaining({ operation: 'handOverReview' }),
      }),
    ]);
  });

  it("does not take another worker's refusal as the caller's", async () => {
    const { input } = await refusedForMove();
    const colleague = await server.tokenFor(DEMO.staff2);
    expect((await handOver(input, 'Flyttat', colleague)).result).toMatchObject({ outcome: 'REJECTED', error: { reason: 'HANDOVER_NOT_ALLOWED' } });
  });

  it('stores a result whose recipient came back to the unit as an ordinary submission, with no hand-over', async () => {
    const { recipientId, input } = await refusedForMove();
    await move(recipientId, norrUnit);
    const { result } = await handOver(input);
    expect(result).toMatchObject({ outcome: 'CREATED', review: { unitId: norrUnit, handedOverFromUnitId: null } });
  });

  it('refuses a checklist version the receiving unit does not get', async () => {
    // A checklist published for Norr's administration only; the recipient moves to Kolmården, in another.
    const coordinator = await server.tokenFor(DEMO.coordinator);
    const imported = await server.gql<{ importTemplate: { id: string } }>(
      `mutation($d: JSONObject!) { importTemplate(definition: $d, publish: true) { id } }`,
      { d: { ...safetyTemplate(), key: 'sakerhet-norr-adm' } },
      coordinator,
    );
    const versionId = imported.data?.importTemplate.id as string;
    const recipientId = freshRecipient();
    const input = reviewInput(recipientId, versionId);
    await move(recipientId, server.seed.unitIds[3] as string);
    expect(await submit(input)).toMatchObject({ error: { reason: 'RECIPIENT_OTHER_UNIT' } });

    expect((await handOver(input)).result).toMatchObject({
      outcome: 'REJECTED',
      error: { code: 'NOT_FOUND', reason: 'TEMPLATE_VERSION_UNAVAILABLE', field: 'templateVersionId' },
    });
  });

  it('refuses a recipient of another municipality as not found', async () => {
    expect((await handOver(reviewInput(randomUUID(), server.seed.templateVersionId))).result).toMatchObject({
      outcome: 'REJECTED',
      error: { code: 'NOT_FOUND', reason: 'RECIPIENT_NOT_FOUND' },
    });
  });

  it.each([
    ['empty', '   '],
    ['too long', 'x'.repeat(501)],
  ])('answers BAD_USER_INPUT on reason for a reason that is %s, and writes nothing', async (_what, reason) => {
    const { input } = await refusedForMove();
    const before = await server.tableCounts();
    const { result, errors } = await handOver(input, reason);
    expect(result).toBeUndefined();
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect(await server.tableCounts()).toEqual(before);
  });
});

describe('discardResult', () => {
  const discard = async (input: Record<string, unknown>) => {
    const { data, errors, requestId } = await post<{ discardResult: Record<string, unknown> }>(DISCARD, { input });
    return { data: data?.discardResult, errors, requestId };
  };

  it('records a discarded review with the reason in the audit log, ids and reason only', async () => {
    const clientId = randomUUID();
    const recipientId = norr[14] as string;
    const { data, requestId } = await discard({ clientId, kind: 'REVIEW', recipientId, reason: '  Fel brukare vald ', refusalCode: 'BAD_USER_INPUT' });

    expect(data).toMatchObject({
      clientId,
      kind: 'REVIEW',
      recipientId,
      actionId: null,
      reason: 'Fel brukare vald',
      refusalCode: 'BAD_USER_INPUT',
      discardedById: staffId,
    });
    expect(await auditRowsOf(server, requestId)).toEqual([
      expect.objectContaining({
        action: 'discard',
        entity_type: 'review_result',
        entity_id: clientId,
        care_recipient_id: recipientId,
        actor_id: staffId,
        details: { kind: 'review', reason: 'Fel brukare vald', refusalCode: 'BAD_USER_INPUT', recipientId, actionId: null },
      }),
    ]);
  });

  it('records a discard once: the same again answers the first, other content under its client id is CONFLICT', async () => {
    const input = { clientId: randomUUID(), kind: 'REVIEW', recipientId: norr[13], reason: 'Dubblett' };
    const first = await discard(input);
    const countAfterFirst = (await server.tableCounts())['discarded_result'];
    const again = await discard(input);
    expect(again.data).toEqual(first.data);
    expect(await auditRowsOf(server, again.requestId)).toEqual([]);
    const other = await discard({ ...input, reason: 'Något annat' });
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'clientId' });
    expect((await server.tableCounts())['discarded_result']).toBe(countAfterFirst);
  });

  it('records a discarded action closing against its action', async () => {
    const submitted = await server.gql<{ submitReviews: Array<{ review: { actions: Array<{ id: string }> } }> }>(
      `mutation($input: [ReviewInput!]!) { submitReviews(input: $input) { review { actions { id } } } }`,
      {
        input: [
          reviewInput(norr[12] as string, server.seed.templateVersionId, {
            actions: [{ clientId: randomUUID(), itemKey: 'trip_hazards', what: 'Ta bort mattor', actor: 'RESIDENT' }],
          }),
        ],
      },
      staff,
    );
    const actionId = submitted.data?.submitReviews[0]?.review.actions[0]?.id as string;
    const { data, requestId } = await discard({ clientId: randomUUID(), kind: 'ACTION_CLOSING', actionId, reason: 'Åtgärden har flyttats' });
    expect(data).toMatchObject({ kind: 'ACTION_CLOSING', actionId, recipientId: null });
    expect(await auditRowsOf(server, requestId)).toEqual([
      expect.objectContaining({ action: 'discard', entity_type: 'action_closing', care_recipient_id: norr[12] }),
    ]);
  });

  it('records a result whose recipient the municipality does not have, without naming one', async () => {
    const { data, requestId } = await discard({ clientId: randomUUID(), kind: 'REVIEW', recipientId: randomUUID(), reason: 'Brukaren finns inte' });
    expect(data).toMatchObject({ kind: 'REVIEW', recipientId: null, reason: 'Brukaren finns inte' });
    expect(await auditRowsOf(server, requestId)).toEqual([expect.objectContaining({ action: 'discard', care_recipient_id: null })]);
  });

  it.each([
    ['an empty reason', { reason: '  ' }, 'BAD_USER_INPUT', 'reason'],
    ['a review without its recipient', { recipientId: null }, 'BAD_USER_INPUT', 'recipientId'],
    ['a review naming an action', { actionId: randomUUID() }, 'BAD_USER_INPUT', 'actionId'],
    ['a refusal code that is no code', { refusalCode: 'not a code' }, 'BAD_USER_INPUT', 'refusalCode'],
  ] as const)('refuses %s and records nothing', async (_what, change, code, field) => {
    const before = await server.tableCounts();
    const { errors } = await discard({ clientId: randomUUID(), kind: 'REVIEW', recipientId: norr[11], reason: 'Fel brukare', ...change });
    expect(errors?.[0]?.extensions).toMatchObject({ code, field });
    expect(await server.tableCounts()).toEqual(before);
  });
});
