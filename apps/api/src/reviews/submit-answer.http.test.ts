import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allItems } from '@hjulet/domain';
import { DEMO, startTestServer, type TestServer } from '../../test/support/test-server.js';
import { answerList, completeAnswers, reviewInput, safetyTemplate } from '../../test/support/factories.js';

// Everything a client can ask of a review it submitted, risks down to their suggested actions.
const REVIEW_FIELDS = `id clientId status declineReason recipientId templateVersionId consentToShareWithFireService offeredAt performedAt
  answers { itemKey value number }
  risks { id itemKey category severity reportableToFireService foundAt suggestedActions { key actor } }
  actions { id status }`;
const SUBMIT = `mutation Submit($input: [ReviewInput!]!) { submitReviews(input: $input) { clientId outcome review { ${REVIEW_FIELDS} } } }`;
const READ = `query Read($id: UUID!) { review(id: $id) { ${REVIEW_FIELDS} } }`;

let server: TestServer;
let staff: string;
let norr: string[];

beforeAll(async () => {
  server = await startTestServer();
  staff = await server.tokenFor(DEMO.staff);
  norr = server.seed.recipients.filter((r) => r.unitId === server.seed.unitIds[0]).map((r) => r.id);
});
afterAll(() => server?.close());

describe('the answer to submitReviews', () => {
  it('shows each created review, its risks and their ids exactly as a later read of that review does', async () => {
    const tv = server.seed.templateVersionId;
    const everyRisk = allItems(safetyTemplate()).map((item) => item.key);
    const offered = reviewInput(norr[3] as string, tv);
    const offer = await server.gql(
      `mutation($input: OfferReviewInput!) { offerReview(input: $input) { id } }`,
      { input: { clientId: offered.clientId, recipientId: offered.recipientId, templateVersionId: tv } },
      staff,
    );
    expect(offer.errors).toBeUndefined();
    const batch = [
      reviewInput(norr[0] as string, tv),
      reviewInput(norr[1] as string, tv, { answers: answerList(completeAnswers(everyRisk)) }),
      reviewInput(norr[2] as string, tv, { status: 'DECLINED', answers: [], declineReason: 'Vill inte' }),
      offered,
    ];

    const res = await server.gql<{ submitReviews: Array<{ outcome: string; review: { id: string; risks: unknown[] } }> }>(SUBMIT, { input: batch }, staff);

    expect(res.errors).toBeUndefined();
    const answered = res.data?.submitReviews ?? [];
    expect(answered.map((r) => r.outcome)).toEqual(['CREATED', 'CREATED', 'CREATED', 'CREATED']);
    expect(answered.map((r) => r.review.risks.length)).toEqual([2, 26, 0, 2]);
    for (const { review } of answered) {
      const read = await server.gql<{ review: unknown }>(READ, { id: review.id }, staff);
      expect(read.data?.review).toEqual(review);
    }
  });

  it('reads the risks of reviews stored before from the database, beside the ones it created', async () => {
    const stored = reviewInput(norr[4] as string, server.seed.templateVersionId);
    await server.gql(SUBMIT, { input: [stored] }, staff);
    const fresh = reviewInput(norr[5] as string, server.seed.templateVersionId, { clientId: randomUUID() });

    const res = await server.gql<{ submitReviews: Array<{ outcome: string; review: { risks: Array<{ itemKey: string }> } }> }>(
      SUBMIT,
      { input: [stored, fresh] },
      staff,
    );

    expect(res.data?.submitReviews.map((r) => [r.outcome, r.review.risks.map((k) => k.itemKey)])).toEqual([
      ['ALREADY_STORED', ['alarm_present', 'trip_hazards']],
      ['CREATED', ['alarm_present', 'trip_hazards']],
    ]);
  });
});
