import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestServer, type TestServer } from '../../test/support/test-server.js';
import { reviewInput, SUBMIT_REVIEWS } from '../../test/support/factories.js';

interface Status {
  period: string;
  status: string | null;
  reviewId: string | null;
  offeredAt: string | null;
  performedAt: string | null;
}
interface Listed {
  id: string;
  year: Status;
  spring: Status;
}

// Two periods asked for at once: each (template, period) is its own batch.
const LIST = `query StatusList($unitId: UUID!) { careRecipients(unitId: $unitId) { id
  year: reviewStatus(period: "2020") { period status reviewId offeredAt performedAt }
  spring: reviewStatus(period: "2020-H1") { period status reviewId offeredAt performedAt } } }`;

let server: TestServer;
let staff: string;
let manager: string;
let norrUnit: string;
/** New recipients of Norr: one completed then declined, one only declined, one never offered (in 2020). */
let [both, declinedOnly, never] = ['', '', ''];
let completedId: string;
let onlyDeclinedId: string;

const createRecipient = async (reference: string) => {
  const res = await server.gql<{ createCareRecipient: { id: string } }>(
    `mutation($input: CreateCareRecipientInput!) { createCareRecipient(input: $input) { id } }`,
    { input: { reference, unitId: norrUnit, areaId: server.seed.areaIds[0], housingType: 'HOUSE' } },
    manager,
  );
  return res.data?.createCareRecipient.id as string;
};

const declined = (recipientId: string, offeredAt: string) =>
  reviewInput(recipientId, server.seed.templateVersionId, { status: 'DECLINED', declineReason: 'Vill inte', answers: [], offeredAt, performedAt: offeredAt });

beforeAll(async () => {
  server = await startTestServer({ recipientCount: 12 });
  [staff, manager] = await Promise.all([server.tokenFor(DEMO.staff), server.tokenFor(DEMO.manager)]);
  norrUnit = server.seed.unitIds[0] as string;
  both = await createRecipient('HT-STATUS-1');
  declinedOnly = await createRecipient('HT-STATUS-2');
  never = await createRecipient('HT-STATUS-3');
  const input = [
    reviewInput(both, server.seed.templateVersionId, { offeredAt: '2020-03-02T09:00:00.000Z', performedAt: '2020-03-02T10:00:00.000Z' }),
    declined(both, '2020-09-01T09:00:00.000Z'),
    declined(declinedOnly, '2020-05-01T09:00:00.000Z'),
  ];
  const res = await server.gql<{ submitReviews: Array<{ outcome: string; review: { id: string } }> }>(SUBMIT_REVIEWS, { input }, staff);
  expect(res.data?.submitReviews.map((r) => r.outcome)).toEqual(['CREATED', 'CREATED', 'CREATED']);
  [completedId, , onlyDeclinedId] = res.data?.submitReviews.map((r) => r.review.id) as [string, string, string];
});
afterAll(() => server?.close());

const statusList = async () => {
  const res = await server.gql<{ careRecipients: Listed[] }>(LIST, { unitId: norrUnit }, manager);
  expect(res.errors).toBeUndefined();
  return new Map((res.data?.careRecipients ?? []).map((r) => [r.id, r]));
};

describe("a care recipient's review status in a period", () => {
  it('shows the completed review over a later declined one, with when it was offered and performed', async () => {
    const listed = await statusList();
    expect(listed.get(both)?.year).toEqual({
      period: '2020',
      status: 'COMPLETED',
      reviewId: completedId,
      offeredAt: '2020-03-02T09:00:00.000Z',
      performedAt: '2020-03-02T10:00:00.000Z',
    });
  });

  it('shows the latest review when none is completed, and nothing for a recipient never offered one', async () => {
    const listed = await statusList();
    expect(listed.get(declinedOnly)?.year).toMatchObject({ status: 'DECLINED', reviewId: onlyDeclinedId, offeredAt: '2020-05-01T09:00:00.000Z' });
    expect(listed.get(never)?.year).toEqual({ period: '2020', status: null, reviewId: null, offeredAt: null, performedAt: null });
  });

  it('looks only inside the period asked for', async () => {
    const listed = await statusList();
    expect(listed.get(both)?.spring).toMatchObject({ period: '2020-H1', status: 'COMPLETED', reviewId: completedId });
    expect(listed.get(declinedOnly)?.spring).toMatchObject({ period: '2020-H1', status: 'DECLINED' });
  });

  it('costs one statement per period for the whole list, besides reading and auditing the list', async () => {
    const listed = await statusList();
    expect(listed.size).toBeGreaterThan(3);
    // The recipients, their audit rows, and one status query for each of the two periods.
    expect((await server.lastReport('StatusList')).sqlStatements).toBe(4);
  });
});
