import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewInput, SUBMIT_REVIEWS } from '../../test/support/factories.js';
import { DEMO, startTestServer, type TestServer } from '../../test/support/test-server.js';
import { auditRowsOf } from '../../test/support/audit-rows.js';

let server: TestServer;
let staff: string;
let staffId: string;
let soderRecipient: string;
let soderReview: string;

beforeAll(async () => {
  server = await startTestServer();
  staff = await server.tokenFor(DEMO.staff);
  staffId = (await server.gql<{ me: { id: string } }>(`{ me { id } }`, {}, staff)).data?.me.id as string;
  soderRecipient = server.seed.recipients.find((r) => r.unitId === server.seed.unitIds[1])?.id as string;
  const soderStaff = await server.tokenFor(DEMO.staffSoder);
  const stored = await server.gql<{ submitReviews: Array<{ review: { id: string } }> }>(
    SUBMIT_REVIEWS,
    {
      input: [
        reviewInput(soderRecipient, server.seed.templateVersionId, {
          actions: [{ clientId: randomUUID(), itemKey: 'alarm_present', what: 'Brandvarnare monteras', actor: 'RESIDENT' }],
        }),
      ],
    },
    soderStaff,
  );
  soderReview = stored.data?.submitReviews[0]?.review.id as string;
});
afterAll(() => server?.close());

async function post(query: string, token: string, variables: Record<string, unknown> = {}) {
  const requestId = `refusal-${randomUUID()}`;
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': requestId, authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> };
  const rows = await auditRowsOf(server, requestId);
  return { body, rows };
}

describe('refused access is audited', () => {
  it("records a FORBIDDEN read of another unit's care recipient: who, which id, outcome", async () => {
    const { body, rows } = await post(`query($id: UUID!) { careRecipient(id: $id) { id } }`, staff, { id: soderRecipient });
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(rows).toEqual([
      expect.objectContaining({
        action: 'refused',
        entity_type: 'care_recipient',
        entity_id: soderRecipient,
        care_recipient_id: soderRecipient,
        actor_id: staffId,
        actor_role: 'staff',
        details: expect.objectContaining({ outcome: 'FORBIDDEN', operation: 'careRecipient' }),
      }),
    ]);
  });

  it("records a FORBIDDEN read of another unit's review with whose data it is", async () => {
    const { body, rows } = await post(`query($id: UUID!) { review(id: $id) { id } }`, staff, { id: soderReview });
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(rows).toEqual([
      expect.objectContaining({
        action: 'refused',
        entity_type: 'review',
        entity_id: soderReview,
        care_recipient_id: soderRecipient,
        details: expect.objectContaining({ outcome: 'FORBIDDEN' }),
      }),
    ]);
  });

  it('records a NOT_FOUND read of a review that is not there', async () => {
    const missing = randomUUID();
    const { body, rows } = await post(`query($id: UUID!) { review(id: $id) { id } }`, staff, { id: missing });
    expect(body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(rows).toEqual([
      expect.objectContaining({
        action: 'refused',
        entity_type: 'review',
        entity_id: missing,
        care_recipient_id: null,
        details: expect.objectContaining({ outcome: 'NOT_FOUND' }),
      }),
    ]);
  });

  it('records an operation refused by role, with the ids asked for', async () => {
    const { body, rows } = await post(`query($r: UUID) { auditEvents(careRecipientId: $r) { id } }`, staff, { r: soderRecipient });
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(rows).toEqual([
      expect.objectContaining({
        action: 'refused',
        entity_type: 'operation',
        entity_id: 'auditEvents',
        actor_id: staffId,
        details: expect.objectContaining({ outcome: 'FORBIDDEN', args: { careRecipientId: soderRecipient } }),
      }),
    ]);
  });

  it('records a submitted review refused for a recipient of another unit', async () => {
    const { rows } = await post(SUBMIT_REVIEWS, staff, { input: [reviewInput(soderRecipient, server.seed.templateVersionId)] });
    expect(rows).toEqual([
      expect.objectContaining({
        action: 'refused',
        entity_type: 'care_recipient',
        entity_id: soderRecipient,
        care_recipient_id: soderRecipient,
        details: expect.objectContaining({ outcome: 'FORBIDDEN', operation: 'submitReviews' }),
      }),
    ]);
  });

  it("records a refused change of another unit's follow-up action", async () => {
    const [actionId] = ((await server.dataSource.query(`SELECT id FROM follow_up_action WHERE review_id = $1`, [soderReview])) as Array<{ id: string }>).map(
      (r) => r.id,
    );
    const { body, rows } = await post(`mutation($id: UUID!) { closeFollowUpAction(id: $id, input: { outcome: DONE }) { id } }`, staff, { id: actionId });
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(rows).toEqual([
      expect.objectContaining({ action: 'refused', entity_type: 'follow_up_action', entity_id: actionId, care_recipient_id: soderRecipient }),
    ]);
  });
});

describe("reads that are audited like other reads of a care recipient's data", () => {
  it('records one read per follow-up action listed, with whose home it is about', async () => {
    const manager = await server.tokenFor(DEMO.managerSoder);
    const { body, rows } = await post(`{ followUpActions { id } }`, manager);
    const shown = (body.data as { followUpActions: Array<{ id: string }> }).followUpActions.map((a) => a.id);
    expect(shown.length).toBeGreaterThan(0);
    expect(rows.map((r) => [r.action, r.entity_type, r.entity_id]).sort()).toEqual(shown.map((id) => ['read', 'follow_up_action', id]).sort());
    expect(rows.every((r) => r.care_recipient_id !== null)).toBe(true);
  });

  it('records a read of the audit log itself, with the filter used', async () => {
    const admin = await server.tokenFor(DEMO.admin);
    const { body, rows } = await post(`query($r: UUID) { auditEvents(careRecipientId: $r, first: 5) { id } }`, admin, { r: soderRecipient });
    expect(body.errors).toBeUndefined();
    expect(rows).toEqual([
      expect.objectContaining({
        action: 'read',
        entity_type: 'audit_event',
        care_recipient_id: soderRecipient,
        details: expect.objectContaining({ careRecipientId: soderRecipient }),
      }),
    ]);
  });
});
