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

/** Risks of completed reviews offered in the year (Swedish time), by category: found, with an action, with an action done. */
const risksByHand = async (unitIds: string[]) => {
  const rows: Array<{ category: string; found: number; with_action: number; done: number }> = await server.dataSource.query(
    `SELECT ir.category, count(*)::int AS found,
            count(*) FILTER (WHERE EXISTS (SELECT 1 FROM follow_up_action a WHERE a.risk_id = ir.id))::int AS with_action,
            count(*) FILTER (WHERE EXISTS (SELECT 1 FROM follow_up_action a WHERE a.risk_id = ir.id AND a.status = 'done'))::int AS done
     FROM identified_risk ir JOIN review r ON r.id = ir.review_id
     WHERE r.status = 'completed' AND r.unit_id = ANY($1) AND extract(year FROM r.offered_at AT TIME ZONE 'Europe/Stockholm') = $2
     GROUP BY ir.category`,
    [unitIds, year],
  );
  return Object.fromEntries(rows.map((r) => [r.category, [r.found, r.with_action, r.done]]));
};
const reportRisks = (report: Report) => Object.fromEntries(report.risks.map((r) => [r.category, [r.found, r.withAction, r.actionsDone]]));

const INDICATORS = `query($period: PeriodInput!, $filter: IndicatorFilter) { indicators(period: $period, filter: $filter) { indicator category numerator denominator value } }`;
/** The dashboard's rows of some indicators for the year, in the caller's scope (or one unit of it). */
const dashboard = async (who: string, indicators: string[], unitId?: string) =>
  (
    await server.gql<{ indicators: Array<{ indicator: string; category: string | null; numerator: number; denominator: number; value: number | null }> }>(
      INDICATORS,
      { period: { from: String(year) }, filter: { indicators, ...(unitId ? { unitIds: [unitId] } : {}) } },
      who,
    )
  ).data?.indicators ?? [];

describe('the quality report', () => {
  it("gives a unit manager their unit's numbers only", async () => {
    const res = await server.gql<{ qualityReport: Report }>(REPORT, { y: year }, token.manager);
    expect(res.errors).toBeUndefined();
    const report = res.data?.qualityReport as Report;
    expect(report.units).toEqual(['Hemtjänst Norr']);
    expect(report.risks.length).toBeGreaterThan(0);
    expect(reportRisks(report)).toEqual(await risksByHand([server.seed.unitIds[0] as string]));
    // The same numbers as the dashboard's share of risks with an action, by construction (one definition).
    const shown = await dashboard(token.manager, ['RISKS_WITH_ACTION']);
    expect(Object.fromEntries(report.risks.map((r) => [r.category, [r.found, r.withAction]]))).toEqual(
      Object.fromEntries(shown.filter((r) => r.category !== null).map((r) => [r.category, [r.denominator, r.numerator]])),
    );
    const [open] = (await server.dataSource.query(`SELECT count(*)::int AS n FROM follow_up_action WHERE status = 'open' AND unit_id = $1`, [
      server.seed.unitIds[0],
    ])) as Array<{ n: number }>;
    expect(report.openRiskActions).toBe(open?.n);
  });

  it("gives the coordinator the administration's units, or one of them", async () => {
    const all = (await server.gql<{ qualityReport: Report }>(REPORT, { y: year }, token.coordinator)).data?.qualityReport as Report;
    expect(all.units).toEqual(['Hemtjänst Centrum', 'Hemtjänst Norr', 'Hemtjänst Söder']);
    expect(reportRisks(all)).toEqual(await risksByHand(server.seed.unitIds.slice(0, 3)));
    const soder = (await server.gql<{ qualityReport: Report }>(REPORT, { y: year, u: server.seed.unitIds[1] }, token.coordinator)).data
      ?.qualityReport as Report;
    expect(soder.units).toEqual(['Hemtjänst Söder']);
    expect(reportRisks(soder)).toEqual(await risksByHand([server.seed.unitIds[1] as string]));
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
    // Gone and still there are the dashboard's risks resolved by the next review, for the same scope and year.
    const report = (
      await server.gql<{ qualityReport: Report & { effects: { gone: number; stillThere: number; resolvedShare: number | null } } }>(
        REPORT,
        { y: year },
        token.manager,
      )
    ).data?.qualityReport;
    const [resolved] = (await dashboard(token.manager, ['RISKS_RESOLVED_BY_NEXT_REVIEW'])).filter((r) => r.category === null);
    expect(resolved).toBeDefined();
    expect([report?.effects.gone, (report?.effects.gone ?? 0) + (report?.effects.stillThere ?? 0), report?.effects.resolvedShare]).toEqual([
      resolved?.numerator,
      resolved?.denominator,
      resolved?.value,
    ]);
  });

  it('reports deviations and complaints as counts: lex Sarah as one count, no text, small counts hidden', async () => {
    const SECTIONS = `query($y: Int!) { qualityReport(year: $y) {
      deviationSummary { byCategory { category received { count suppressed } closed { count suppressed } withActions { count suppressed } }
        total { received { count suppressed } } lexSarahReports { count suppressed } ivoNotifications { count suppressed }
        causes { cause count { count suppressed } } actionsDecided { count suppressed } actionsDone { count suppressed } }
      feedbackSummary { byKind { category received { count suppressed } closedInTime { count suppressed } withActions { count } } total { received { count } } }
    } }`;
    type Count = { count: number | null; suppressed: boolean };
    const res = await server.gql<{
      qualityReport: {
        deviationSummary: { byCategory: Array<{ category: string; received: Count }>; total: { received: Count }; lexSarahReports: Count; causes: unknown[] };
        feedbackSummary: { byKind: Array<{ category: string; received: Count; withActions: Count | null }>; total: { received: Count } };
      };
    }>(SECTIONS, { y: year }, token.coordinator);
    expect(res.errors).toBeUndefined();
    const report = res.data?.qualityReport;
    const units = server.seed.unitIds.slice(0, 3);
    const [byHand] = (await server.dataSource.query(
      `SELECT (SELECT count(*)::int FROM deviation WHERE unit_id = ANY($1) AND extract(year FROM received_at AT TIME ZONE 'Europe/Stockholm') = $2) AS deviations,
              (SELECT count(*)::int FROM feedback_case WHERE unit_id = ANY($1) AND extract(year FROM received_at AT TIME ZONE 'Europe/Stockholm') = $2) AS feedback`,
      [units, year],
    )) as Array<{ deviations: number; feedback: number }>;
    expect(report?.deviationSummary.total.received.count).toBe(byHand?.deviations);
    expect(report?.feedbackSummary.total.received.count).toBe(byHand?.feedback);
    expect(report?.deviationSummary.byCategory.map((r) => r.category)).toEqual(['missed_visit', 'fall', 'medication', 'other', 'lex_sarah']);
    // The demo's single lex Sarah report: the count is the lex Sarah row's, hidden (1 is below 5).
    expect(report?.deviationSummary.lexSarahReports).toEqual({ count: null, suppressed: true });
    expect(report?.deviationSummary.byCategory.find((r) => r.category === 'lex_sarah')?.received).toEqual(report?.deviationSummary.lexSarahReports);
    expect(report?.feedbackSummary.byKind.every((r) => r.withActions === null)).toBe(true);
    // Shown counts are 0 or at least 5, wherever they are.
    const counts = JSON.stringify(report).match(/"count":\d+/g) ?? [];
    expect(counts.map((c) => Number(c.slice(8))).filter((n) => n > 0 && n < 5)).toEqual([]);
    expect(JSON.stringify(report)).not.toMatch(/Brukaren|Besöken|missforhallande/);
  });

  it("refuses a unit manager another unit's report", async () => {
    const res = await server.gql(REPORT, { y: year, u: server.seed.unitIds[0] }, token.managerSoder);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
