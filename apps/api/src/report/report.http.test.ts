import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestServer, type TestServer } from '../../test/support/test-server.js';
import { answerList, completeAnswers, reviewInput, SUBMIT_REVIEWS } from '../../test/support/factories.js';

/* The kvalitetsberättelse for a year and scope, checked against the database by hand. */

let server: TestServer;
const token = { coordinator: '', manager: '', managerSoder: '', staff: '', admin: '' };
const year = new Date().getFullYear();
const REPORT = `query($y: Int!, $u: UUID) { qualityReport(year: $y, unitId: $u) {
  year units coverage
  goals { id text targetValue followUps { period value met } }
  risks { category found withAction actionsDone }
  effects { gone stillThere new resolvedShare }
  events { kind count }
  openRiskActions overdueRiskActions
  openImprovementActions { id what }
  lessons { goalText lesson { learned changeNext } }
} }`;

interface Report {
  units: string[];
  coverage: number | null;
  risks: Array<{ category: string; found: number; withAction: number; actionsDone: number }>;
  openRiskActions: number;
}

beforeAll(async () => {
  server = await startTestServer();
  for (const who of Object.keys(token) as Array<keyof typeof token>) token[who] = await server.tokenFor(DEMO[who]);
});
afterAll(() => server?.close());

const foundByHand = async (unitIds: string[]) => {
  const rows: Array<{ category: string; found: number }> = await server.dataSource.query(
    `SELECT ir.category, count(*)::int AS found FROM identified_risk ir JOIN review r ON r.id = ir.review_id
     WHERE r.status = 'completed' AND r.unit_id = ANY($1) AND r.performed_at >= $2::date AND r.performed_at < $3::date GROUP BY ir.category`,
    [unitIds, `${year}-01-01`, `${year + 1}-01-01`],
  );
  return Object.fromEntries(rows.map((r) => [r.category, r.found]));
};

describe('the quality report', () => {
  it("gives a unit manager their unit's numbers only", async () => {
    const res = await server.gql<{ qualityReport: Report }>(REPORT, { y: year }, token.manager);
    expect(res.errors).toBeUndefined();
    const report = res.data?.qualityReport as Report;
    expect(report.units).toEqual(['Hemtjänst Norr']);
    expect(Object.fromEntries(report.risks.map((r) => [r.category, r.found]))).toEqual(await foundByHand([server.seed.unitIds[0] as string]));
    const [open] = (await server.dataSource.query(`SELECT count(*)::int AS n FROM follow_up_action WHERE status = 'open' AND unit_id = $1`, [
      server.seed.unitIds[0],
    ])) as Array<{ n: number }>;
    expect(report.openRiskActions).toBe(open?.n);
  });

  it("gives the coordinator the administration's units, or one of them", async () => {
    const all = (await server.gql<{ qualityReport: Report }>(REPORT, { y: year }, token.coordinator)).data?.qualityReport as Report;
    expect(all.units).toEqual(['Hemtjänst Centrum', 'Hemtjänst Norr', 'Hemtjänst Söder']);
    expect(Object.fromEntries(all.risks.map((r) => [r.category, r.found]))).toEqual(await foundByHand(server.seed.unitIds.slice(0, 3)));
    const soder = (await server.gql<{ qualityReport: Report }>(REPORT, { y: year, u: server.seed.unitIds[1] }, token.coordinator)).data
      ?.qualityReport as Report;
    expect(soder.units).toEqual(['Hemtjänst Söder']);
  });

  it('counts the effect at the next review as the hand-made pair of reviews says: one gone, one still there, one new', async () => {
    const effects = async () =>
      (
        await server.gql<{ qualityReport: { effects: { gone: number; stillThere: number; new: number } } }>(
          `query($y: Int!) { qualityReport(year: $y) { effects { gone stillThere new } } }`,
          { y: year },
          token.manager,
        )
      ).data?.qualityReport.effects;
    const before = await effects();
    const created = await server.gql<{ createCareRecipient: { id: string } }>(
      `mutation($input: CreateCareRecipientInput!) { createCareRecipient(input: $input) { id } }`,
      { input: { reference: 'HT-EFFEKT-1', unitId: server.seed.unitIds[0], areaId: server.seed.areaIds[0], housingType: 'HOUSE' } },
      token.admin,
    );
    const recipientId = created.data?.createCareRecipient.id as string;
    // Two and one hours ago: both in this year's report (the year is taken when the file starts).
    const now = Date.now();
    const performed = [new Date(now - 2 * 3_600_000), new Date(now - 3_600_000)];
    for (const [i, risky] of [
      ['alarm_present', 'trip_hazards'],
      ['trip_hazards', 'candles'],
    ].entries()) {
      const at = performed[i] as Date;
      const input = reviewInput(recipientId, server.seed.templateVersionId, {
        answers: answerList(completeAnswers(risky)),
        offeredAt: new Date(at.getTime() - 60_000).toISOString(),
        performedAt: at.toISOString(),
      });
      const res = await server.gql(SUBMIT_REVIEWS, { input: [input] }, token.staff);
      expect(res.errors).toBeUndefined();
    }
    const after = await effects();
    expect({
      gone: (after?.gone ?? 0) - (before?.gone ?? 0),
      stillThere: (after?.stillThere ?? 0) - (before?.stillThere ?? 0),
      new: (after?.new ?? 0) - (before?.new ?? 0),
    }).toEqual({
      gone: 1,
      stillThere: 1,
      new: 1,
    });
  });

  it("refuses a unit manager another unit's report", async () => {
    const res = await server.gql(REPORT, { y: year, u: server.seed.unitIds[0] }, token.managerSoder);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
