import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestServer, type TestServer } from '../../test/support/test-server.js';
import { reviewInput } from '../../test/support/factories.js';
import { REFUSAL_REASONS, type RefusalReason } from './review-submission.js';

/*
 * Every reason the server can give for refusing a submitted review, produced over HTTP the way it happens.
 * The scenarios are a Record over the catalogue, so a reason added to REFUSAL_REASONS without a scenario
 * here does not compile, and a refusal made anywhere without a catalogued reason does not either
 * (`refusal()` takes a RefusalReason). The phone's plans for each reason are tested against the same list
 * (apps/pwa/src/features/sync/refusal-plan.test.ts reads it from graphql/schema.graphql).
 */

interface SubmissionError {
  code: string;
  reason: string;
  field: string | null;
  message: string;
}
interface Result {
  outcome: string;
  error: SubmissionError | null;
}

let server: TestServer;
let staff: string;
let norr: string[];
let soder: string[];

const SUBMIT = `mutation($input: [ReviewInput!]!) { submitReviews(input: $input) { outcome error { code reason field message } } }`;
const HAND_OVER = `mutation($input: ReviewInput!, $reason: String!) { handOverReview(input: $input, reason: $reason) { outcome error { code reason field message } } }`;

// Markers that a trigger below makes the database refuse, as it would a value it cannot store or a fault.
const UNSTORABLE = 'database-says-22023';
const FAULT = 'database-says-P0001';

beforeAll(async () => {
  server = await startTestServer();
  staff = await server.tokenFor(DEMO.staff);
  const [norrUnit, soderUnit] = server.seed.unitIds;
  norr = server.seed.recipients.filter((r) => r.unitId === norrUnit).map((r) => r.id);
  soder = server.seed.recipients.filter((r) => r.unitId === soderUnit).map((r) => r.id);
  await server.dataSource.query(`
    CREATE FUNCTION test_refuse_marked_review() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.decline_reason = '${UNSTORABLE}' THEN RAISE EXCEPTION 'cannot store this value' USING ERRCODE = '22023'; END IF;
      IF NEW.decline_reason = '${FAULT}' THEN RAISE EXCEPTION 'something nobody foresaw' USING ERRCODE = 'P0001'; END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER test_refuse_marked_review BEFORE INSERT ON review FOR EACH ROW EXECUTE FUNCTION test_refuse_marked_review();
  `);
});
afterAll(() => server?.close());

let next = 0;
const recipient = () => norr[next++ % norr.length] as string;
const review = (overrides: Record<string, unknown> = {}, recipientId = recipient()) => reviewInput(recipientId, server.seed.templateVersionId, overrides);
const declined = (declineReason: string) => review({ status: 'DECLINED', answers: [], declineReason, consentToShareWithFireService: false });

async function submit(...inputs: unknown[]): Promise<Result[]> {
  const res = await server.gql<{ submitReviews: Result[] }>(SUBMIT, { input: inputs }, staff);
  if (!res.data) throw new Error(JSON.stringify(res.errors));
  return res.data.submitReviews;
}
const submitOne = async (input: unknown) => (await submit(input))[0] as Result;

const SCENARIOS: Record<RefusalReason, () => Promise<Result>> = {
  RECIPIENT_NOT_FOUND: () => submitOne(review({}, randomUUID())),
  RECIPIENT_OTHER_UNIT: () => submitOne(review({}, soder[0])),
  RECIPIENT_INACTIVE: async () => {
    const admin = await server.tokenFor(DEMO.admin);
    const created = await server.gql<{ createCareRecipient: { id: string } }>(
      `mutation($input: CreateCareRecipientInput!) { createCareRecipient(input: $input) { id } }`,
      { input: { reference: 'HT-AVSLUTAD', unitId: server.seed.unitIds[0], areaId: server.seed.areaIds[0], housingType: 'HOUSE' } },
      admin,
    );
    const id = created.data?.createCareRecipient.id as string;
    await server.gql(`mutation($id: UUID!) { updateCareRecipient(id: $id, input: { active: false }) { id } }`, { id }, admin);
    return submitOne(review({}, id));
  },
  TEMPLATE_VERSION_UNAVAILABLE: () => submitOne(reviewInput(recipient(), randomUUID())),
  INVALID_TEXT: () => submitOne(declined('Vill inte\u0085just nu')),
  INVALID_ANSWERS: async () => {
    const input = review();
    return submitOne({ ...input, answers: [...input.answers, { itemKey: 'no_such_item', value: 'yes' }] });
  },
  INVALID_ACTIONS: () => submitOne(review({ actions: [{ clientId: randomUUID(), itemKey: 'alarm_present', what: '   ', actor: 'RESIDENT' }] })),
  INVALID_DECLINE: () => submitOne(declined('   ')),
  INVALID_TIME: () => submitOne(review({ performedAt: new Date(Date.now() + 7 * 86_400_000).toISOString() })),
  INVALID_DEVICE_ID: () => submitOne(review({ deviceId: 'x'.repeat(101) })),
  INVALID_REPEAT_REASON: () => submitOne(review({ repeatReason: 'x'.repeat(501) })),
  UNSTORABLE_VALUE: async () => (await submit(declined(UNSTORABLE), review()))[0] as Result,
  STORED_WITH_OTHER_CONTENT: async () => {
    const input = review();
    await submitOne(input);
    return submitOne({ ...input, consentToShareWithFireService: !input.consentToShareWithFireService });
  },
  CLIENT_ID_OF_ANOTHER_REVIEW: async () => {
    const input = review();
    await submitOne(input);
    return submitOne({ ...review(), clientId: input.clientId });
  },
  ACTION_ID_TAKEN: async () => {
    const action = { clientId: randomUUID(), itemKey: 'alarm_present', what: 'Hyresvärden kontaktas', actor: 'HOME_CARE_CONTACTS_LANDLORD' };
    await submitOne(review({ actions: [action] }));
    return submitOne(review({ actions: [action] }));
  },
  HANDOVER_NOT_ALLOWED: async () => {
    const res = await server.gql<{ handOverReview: Result }>(HAND_OVER, { input: review({}, soder[1]), reason: 'Brukaren har flyttat' }, staff);
    return res.data?.handOverReview as Result;
  },
  SERVER_FAILED: async () => (await submit(declined(FAULT), review()))[0] as Result,
};

describe('every reason the server gives for refusing a submitted review', () => {
  const reasons = Object.keys(REFUSAL_REASONS) as RefusalReason[];

  it('has a scenario for each catalogued reason, and nothing else', () => {
    expect(Object.keys(SCENARIOS).sort()).toEqual([...reasons].sort());
  });

  it.each(reasons)('%s comes back REJECTED with its code and reason', async (reason) => {
    const result = await SCENARIOS[reason]();
    expect(result).toMatchObject({ outcome: 'REJECTED', error: { code: REFUSAL_REASONS[reason].code, reason } });
  });

  it('lists each reason in the schema, so a phone learns of a new one from the schema it is built against', async () => {
    const res = await server.gql<{ __type: { enumValues: Array<{ name: string }> } }>(`{ __type(name: "RefusalReason") { enumValues { name } } }`);
    expect(res.data?.__type.enumValues.map((v) => v.name).sort()).toEqual([...reasons].sort());
  });
});

it('still stores the good review of a batch when the database refuses the other', async () => {
  const good = review();
  const results = await submit(declined(FAULT), good);
  expect(results.map((r) => r.outcome)).toEqual(['REJECTED', 'CREATED']);
  expect(JSON.stringify(results[0]?.error)).not.toMatch(/something nobody foresaw|P0001/);
});
