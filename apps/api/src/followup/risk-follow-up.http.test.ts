import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestServer, type TestServer } from '../../test/support/test-server.js';
import { answerList, completeAnswers, reviewInput, SUBMIT_REVIEWS } from '../../test/support/factories.js';

/*
 * The follow-up of one person's risks, as Senior alert runs it: a cause analysis before actions, the
 * effect at the next review (each earlier risk gone, still there or new), and events as outcomes.
 */

let server: TestServer;
const token = { staff: '', manager: '', managerSoder: '', coordinator: '', admin: '', staffSoder: '' };
let recipientId: string;
let first: { id: string; risks: Array<{ id: string; itemKey: string }> };
let second: { id: string };

const FOLLOW_UP = `query($r: UUID!, $review: UUID) { riskFollowUp(recipientId: $r, reviewId: $review) {
  recipientId reviewId previousReviewId
  items { riskId reviewId itemKey category effect causeAnalysis { causes description } actions { id what } }
  events { kind riskCategory occurredOn }
} }`;

interface FollowUpView {
  reviewId: string | null;
  previousReviewId: string | null;
  items: Array<{
    riskId: string;
    reviewId: string;
    itemKey: string;
    effect: string | null;
    causeAnalysis: { causes: string[]; description: string | null } | null;
    actions: unknown[];
  }>;
  events: Array<{ kind: string; riskCategory: string }>;
}

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);

beforeAll(async () => {
  server = await startTestServer();
  for (const who of Object.keys(token) as Array<keyof typeof token>) token[who] = await server.tokenFor(DEMO[who]);
  const norr = server.seed.unitIds[0] as string;
  const created = await server.gql<{ createCareRecipient: { id: string } }>(
    `mutation($input: CreateCareRecipientInput!) { createCareRecipient(input: $input) { id } }`,
    { input: { reference: 'HT-UPPF-1', unitId: norr, areaId: server.seed.areaIds[0], housingType: 'RENTED_FLAT' } },
    token.admin,
  );
  recipientId = created.data?.createCareRecipient.id as string;
  const submit = async (risky: string[], performedAt: Date, actions: unknown[] = []) => {
    const input = reviewInput(recipientId, server.seed.templateVersionId, {
      answers: answerList(completeAnswers(risky)),
      offeredAt: new Date(performedAt.getTime() - 60_000).toISOString(),
      performedAt: performedAt.toISOString(),
      actions,
    });
    const res = await server.gql<{ submitReviews: Array<{ review: { id: string; risks: Array<{ itemKey: string }> } }> }>(
      SUBMIT_REVIEWS,
      { input: [input] },
      token.staff,
    );
    return res.data?.submitReviews[0]?.review.id as string;
  };
  const firstId = await submit(['alarm_present', 'trip_hazards', 'candles'], daysAgo(40));
  const risks = await server.gql<{ review: { id: string; risks: Array<{ id: string; itemKey: string }> } }>(
    `query($id: UUID!) { review(id: $id) { id risks { id itemKey } } }`,
    { id: firstId },
    token.staff,
  );
  first = risks.data?.review as typeof first;
  second = { id: await submit(['trip_hazards', 'electrical'], daysAgo(2)) };
});
afterAll(() => server?.close());

const riskOf = (itemKey: string) => first.risks.find((r) => r.itemKey === itemKey)?.id as string;

describe('a cause analysis of a risk', () => {
  const RECORD = `mutation($input: CauseAnalysisInput!) { recordCauseAnalysis(input: $input) { riskId causes description } }`;

  it('records a few structured causes and free text, once per risk (a second time revises it), audited as the person’s data', async () => {
    const res = await server.gql<{ recordCauseAnalysis: { causes: string[] } }>(
      RECORD,
      { input: { riskId: riskOf('alarm_present'), causes: ['EQUIPMENT', 'INFORMATION'], description: 'Batteriet urtaget, visste inte om att det behövs' } },
      token.staff,
    );
    expect(res.errors).toBeUndefined();
    const revised = await server.gql<{ recordCauseAnalysis: { causes: string[]; description: string } }>(
      RECORD,
      { input: { riskId: riskOf('alarm_present'), causes: ['EQUIPMENT'], description: 'Batteriet urtaget' } },
      token.manager,
    );
    expect(revised.data?.recordCauseAnalysis).toEqual({ riskId: riskOf('alarm_present'), causes: ['EQUIPMENT'], description: 'Batteriet urtaget' });
    const rows: unknown[] = await server.dataSource.query(`SELECT 1 FROM cause_analysis WHERE risk_id = $1`, [riskOf('alarm_present')]);
    expect(rows).toHaveLength(1);
    const audit: Array<{ action: string }> = await server.dataSource.query(
      `SELECT action FROM audit_event WHERE entity_type = 'cause_analysis' AND care_recipient_id = $1 ORDER BY id`,
      [recipientId],
    );
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
  });

  it('needs free text for "other", and is refused out of scope', async () => {
    const other = await server.gql(RECORD, { input: { riskId: riskOf('candles'), causes: ['OTHER'] } }, token.staff);
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'description' });
    const soder = await server.gql(RECORD, { input: { riskId: riskOf('candles'), causes: ['HEALTH'] } }, token.staffSoder);
    expect(soder.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('the effect at the next review', () => {
  it('shows each earlier risk as gone or still there and a new one as new, with its cause analysis and actions', async () => {
    const res = await server.gql<{ riskFollowUp: FollowUpView }>(FOLLOW_UP, { r: recipientId }, token.manager);
    expect(res.errors).toBeUndefined();
    const view = res.data?.riskFollowUp as FollowUpView;
    expect(view).toMatchObject({ reviewId: second.id, previousReviewId: first.id });
    expect(view.items.map((i) => [i.itemKey, i.effect])).toEqual([
      ['trip_hazards', 'STILL_THERE'],
      ['electrical', 'NEW'],
      ['alarm_present', 'GONE'],
      ['candles', 'GONE'],
    ]);
    const gone = view.items.find((i) => i.itemKey === 'alarm_present');
    expect(gone).toMatchObject({ riskId: riskOf('alarm_present'), reviewId: first.id, causeAnalysis: { causes: ['EQUIPMENT'] } });
  });

  it('has no effect to show at a first review', async () => {
    const res = await server.gql<{ riskFollowUp: FollowUpView }>(FOLLOW_UP, { r: recipientId, review: first.id }, token.coordinator);
    const view = res.data?.riskFollowUp as FollowUpView;
    expect(view.previousReviewId).toBeNull();
    expect(view.items.map((i) => i.effect)).toEqual([null, null, null]);
  });

  it("is audited as a read of the person's data, and refused to another unit's manager", async () => {
    const rows: unknown[] = await server.dataSource.query(
      `SELECT 1 FROM audit_event WHERE entity_type = 'risk_follow_up' AND action = 'read' AND care_recipient_id = $1`,
      [recipientId],
    );
    expect(rows.length).toBeGreaterThanOrEqual(2);
    const res = await server.gql(FOLLOW_UP, { r: recipientId }, token.managerSoder);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('events as outcomes', () => {
  const RECORD = `mutation($input: RecordEventInput!) { recordCareEvent(input: $input) { id kind riskCategory occurredOn unitId } }`;

  it('records a fall against the person and the risk category, shown in their follow-up and the unit’s list', async () => {
    const day = daysAgo(1).toISOString().slice(0, 10);
    const res = await server.gql<{ recordCareEvent: { kind: string; unitId: string } }>(
      RECORD,
      { input: { recipientId, kind: 'FALL', riskCategory: 'fall', occurredOn: day, description: 'Föll över mattkanten i hallen' } },
      token.staff,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.recordCareEvent).toMatchObject({ kind: 'FALL', unitId: server.seed.unitIds[0] });
    const view = (await server.gql<{ riskFollowUp: FollowUpView }>(FOLLOW_UP, { r: recipientId }, token.staff)).data?.riskFollowUp;
    expect(view?.events).toEqual([{ kind: 'FALL', riskCategory: 'fall', occurredOn: day }]);
    const listed = await server.gql<{ careEvents: Array<{ id: string }> }>(`{ careEvents { id kind } }`, {}, token.coordinator);
    expect(listed.data?.careEvents).toHaveLength(1);
    const soder = await server.gql<{ careEvents: unknown[] }>(`{ careEvents { id } }`, {}, token.managerSoder);
    expect(soder.data?.careEvents).toEqual([]);
  });

  it('refuses a day in the future and a person outside the scope, writing nothing', async () => {
    const before = await server.tableCounts();
    const future = await server.gql(RECORD, { input: { recipientId, kind: 'FIRE', riskCategory: 'brand', occurredOn: '2999-01-01' } }, token.staff);
    expect(future.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'occurredOn' });
    const soder = await server.gql(RECORD, { input: { recipientId, kind: 'NEAR_MISS', riskCategory: 'brand', occurredOn: '2026-01-01' } }, token.staffSoder);
    expect(soder.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const counts = await server.tableCounts();
    expect({ ...counts, audit_event: 0 }).toEqual({ ...before, audit_event: 0 });
  });
});
