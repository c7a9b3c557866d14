import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeAnswers } from '../../test/support/factories.js';
import { DEMO, startTestServer, type GraphQLResponse, type TestServer } from '../../test/support/test-server.js';

/* Deviations and complaints compiled for the supervisors (docs/quality-records.md), checked against the tables by hand. */

let server: TestServer;
const token = { coordinator: '', manager: '', managerSoder: '', staff: '', admin: '' };
const year = new Date().getFullYear();

interface Count {
  count: number | null;
  suppressed: boolean;
}
interface Row {
  period: string;
  category: string | null;
  unitId: string | null;
  received: Count;
  closed: Count;
  withActions: Count | null;
  medianDaysToClose: number | null;
}
interface Statistics {
  units: Array<{ id: string; name: string }>;
  threshold: number;
  sources: Array<{ source: string; categories: string[]; rows: Row[] }>;
}

const STATISTICS = `query($y: Int!, $u: UUID, $g: StatisticsGranularity) { qualityRecordStatistics(year: $y, unitId: $u, granularity: $g) {
  year threshold units { id name }
  sources { source categories rows { period category unitId received { count suppressed } investigated { count suppressed } closed { count suppressed }
    closedInTime { count suppressed } withActions { count suppressed } medianDaysToClose } }
} }`;

/** The statistics as `who`, with the request's id (for its audit rows). */
async function statistics(who: string, vars: Record<string, unknown> = {}) {
  const requestId = randomUUID();
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': requestId, authorization: `Bearer ${who}` },
    body: JSON.stringify({ query: STATISTICS, variables: { y: year, ...vars } }),
  });
  const res = (await response.json()) as Omit<GraphQLResponse<{ qualityRecordStatistics: Statistics }>, 'status'>;
  return { errors: res.errors, stats: res.data?.qualityRecordStatistics as Statistics, requestId };
}

const source = (s: Statistics, name: string) => s.sources.find((x) => x.source === name) as Statistics['sources'][number];
const cell = (s: Statistics, name: string, period: string, category: string | null, unitId: string | null) =>
  source(s, name).rows.find((r) => r.period === period && r.category === category && r.unitId === unitId) as Row;

/** Deviations received this year (Swedish time) in the units, by category as the statistics count them. */
async function deviationsByHand(unitIds: string[]): Promise<Record<string, number>> {
  const rows: Array<{ category: string; n: number }> = await server.dataSource.query(
    `SELECT CASE WHEN lex_sarah THEN 'lex_sarah' ELSE kind END AS category, count(*)::int AS n FROM deviation
     WHERE unit_id = ANY($1) AND extract(year FROM received_at AT TIME ZONE 'Europe/Stockholm') = $2 GROUP BY 1`,
    [unitIds, year],
  );
  return Object.fromEntries(rows.map((r) => [r.category, r.n]));
}

beforeAll(async () => {
  server = await startTestServer();
  for (const who of Object.keys(token) as Array<keyof typeof token>) token[who] = await server.tokenFor(DEMO[who]);
});
afterAll(() => server?.close());

describe('the statistics of deviations and complaints', () => {
  it("gives a unit manager their unit's counts only, as the tables hold them", async () => {
    const { errors, stats } = await statistics(token.manager);
    expect(errors).toBeUndefined();
    const norr = server.seed.unitIds[0] as string;
    expect(stats.units.map((u) => u.id)).toEqual([norr]);
    expect(source(stats, 'DEVIATION').rows.every((r) => r.unitId === null || r.unitId === norr)).toBe(true);
    const byHand = await deviationsByHand([norr]);
    for (const category of source(stats, 'DEVIATION').categories) {
      const shown = cell(stats, 'DEVIATION', String(year), category, norr).received;
      const expected = byHand[category] ?? 0;
      // Shown counts are exact; a hidden one is one the rules hide (1–4, or one that would give one away).
      if (shown.suppressed) expect(shown.count).toBeNull();
      else expect(shown.count).toBe(expected);
    }
    expect(cell(stats, 'DEVIATION', String(year), 'fall', norr).received.count).toBeGreaterThanOrEqual(5);
  });

  it('lets the coordinator see every unit of the administration, or one of them', async () => {
    const all = (await statistics(token.coordinator)).stats;
    expect(all.units.map((u) => u.name)).toEqual(['Hemtjänst Centrum', 'Hemtjänst Norr', 'Hemtjänst Söder']);
    const soder = server.seed.unitIds[1] as string;
    const one = (await statistics(token.coordinator, { u: soder })).stats;
    expect(one.units.map((u) => u.id)).toEqual([soder]);
    const byHand = await deviationsByHand(server.seed.unitIds.slice(0, 3));
    const total = Object.values(byHand).reduce((a, b) => a + b, 0);
    expect(cell(all, 'DEVIATION', String(year), null, null).received).toEqual({ count: total, suppressed: false });
  });

  it('hides every count from 1 to 4, and a lone lex Sarah report with it', async () => {
    const { stats } = await statistics(token.coordinator);
    for (const s of stats.sources)
      for (const r of s.rows) {
        for (const c of [r.received, r.closed, r.withActions]) if (c && !c.suppressed) expect(c.count === 0 || (c.count ?? 0) >= stats.threshold).toBe(true);
      }
    // The demo has one lex Sarah report: suppressed wherever it would show.
    expect(cell(stats, 'DEVIATION', String(year), 'lex_sarah', null).received).toEqual({ count: null, suppressed: true });
  });

  it('counts a lex Sarah report under lex Sarah, never under its kind, and shows none of its text', async () => {
    const before = await deviationsByHand([server.seed.unitIds[0] as string]);
    const secret = `hemligt-${randomUUID()}`;
    const reported = await server.gql(
      `mutation($input: DeviationReportInput!) { reportDeviation(input: $input) { clientId } }`,
      { input: { clientId: randomUUID(), kind: 'FALL', lexSarah: true, occurredAt: new Date(Date.now() - 60_000).toISOString(), description: secret } },
      token.staff,
    );
    expect(reported.errors).toBeUndefined();
    const after = await deviationsByHand([server.seed.unitIds[0] as string]);
    expect([after['fall'], after['lex_sarah']]).toEqual([before['fall'], (before['lex_sarah'] ?? 0) + 1]);
    const scopes: Array<[string, string[]]> = [
      [token.manager, [server.seed.unitIds[0] as string]],
      [token.coordinator, server.seed.unitIds.slice(0, 3)],
    ];
    for (const [who, unitIds] of [...scopes, [token.admin, server.seed.unitIds] as [string, string[]]]) {
      const res = await server.gql<{ qualityRecordStatistics: Statistics }>(STATISTICS, { y: year }, who);
      expect(JSON.stringify(res)).not.toContain(secret);
      const fall = cell(res.data?.qualityRecordStatistics as Statistics, 'DEVIATION', String(year), 'fall', null).received;
      expect(fall.suppressed || fall.count === ((await deviationsByHand(unitIds))['fall'] ?? 0)).toBe(true);
    }
  });

  it('counts complaints and feedback by kind, without actions', async () => {
    const { stats } = await statistics(token.coordinator, { g: 'QUARTER' });
    const feedback = source(stats, 'FEEDBACK');
    expect(feedback.categories).toEqual(['complaint', 'suggestion', 'praise', 'other']);
    expect(feedback.rows.every((r) => r.withActions === null)).toBe(true);
    expect(new Set(feedback.rows.map((r) => r.period))).toEqual(new Set([String(year), ...[1, 2, 3, 4].map((q) => `${year}-Q${q}`)]));
    const [byHand] = (await server.dataSource.query(
      `SELECT count(*)::int AS n FROM feedback_case WHERE kind = 'complaint' AND unit_id = ANY($1) AND extract(year FROM received_at AT TIME ZONE 'Europe/Stockholm') = $2`,
      [server.seed.unitIds.slice(0, 3), year],
    )) as Array<{ n: number }>;
    expect(cell(stats, 'FEEDBACK', String(year), 'complaint', null).received.count).toBe(byHand?.n);
  });

  it('counts self-check findings by severity: with an action once one is decided, closed when every action is done', async () => {
    const norr = server.seed.unitIds[0] as string;
    const gql = async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
      const res = await server.gql<T>(query, variables, token.manager);
      expect(res.errors).toBeUndefined();
      return res.data as T;
    };
    const { createSelfCheckPlan } = await gql<{ createSelfCheckPlan: { id: string } }>(
      `mutation($input: SelfCheckPlanInput!) { createSelfCheckPlan(input: $input) { id } }`,
      { input: { unitId: norr, templateVersionId: server.seed.templateVersionId, frequency: 'MONTHLY', performerRole: 'STAFF', firstDueOn: `${year}-01-31` } },
    );
    const findings: string[] = [];
    for (let i = 0; i < 6; i++) {
      const { recordSelfCheck } = await gql<{ recordSelfCheck: { findings: Array<{ id: string }> } }>(
        `mutation($input: SelfCheckResultInput!) { recordSelfCheck(input: $input) { findings { id } } }`,
        {
          input: {
            clientId: randomUUID(),
            planId: createSelfCheckPlan.id,
            answers: completeAnswers(['trip_hazards', 'lighting']),
            completedAt: new Date().toISOString(),
          },
        },
      );
      findings.push(...recordSelfCheck.findings.map((f) => f.id));
    }
    // Five findings get an action, and every one of those actions is done.
    for (const findingId of findings.slice(0, 5)) {
      const added = await gql<{ addSelfCheckAction: { findings: Array<{ id: string; actions: Array<{ id: string }> }> } }>(
        `mutation($f: UUID!, $input: SelfCheckActionInput!) { addSelfCheckAction(findingId: $f, input: $input) { findings { id actions { id } } } }`,
        { f: findingId, input: { what: 'Åtgärda', dueOn: `${year + 1}-01-31` } },
      );
      const action = added.addSelfCheckAction.findings.find((f) => f.id === findingId)?.actions[0]?.id;
      await gql(`mutation($id: UUID!) { completeSelfCheckAction(id: $id) { id } }`, { id: action });
    }
    const [byHand] = (await server.dataSource.query(
      `SELECT count(*)::int AS received,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM self_check_action a WHERE a.finding_id = f.id))::int AS with_actions,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM self_check_action a WHERE a.finding_id = f.id)
                               AND NOT EXISTS (SELECT 1 FROM self_check_action a WHERE a.finding_id = f.id AND a.status = 'open'))::int AS closed
       FROM self_check_finding f JOIN self_check_result r ON r.id = f.result_id
       WHERE r.unit_id = $1 AND extract(year FROM r.completed_at AT TIME ZONE 'Europe/Stockholm') = $2`,
      [norr, year],
    )) as Array<{ received: number; with_actions: number; closed: number }>;
    expect(byHand?.received).toBeGreaterThanOrEqual(12);
    expect(byHand?.with_actions).toBeGreaterThanOrEqual(5);

    const { stats } = await statistics(token.manager);
    const selfChecks = source(stats, 'SELF_CHECK');
    expect(selfChecks.categories).toEqual(['high', 'medium', 'low']);
    const total = cell(stats, 'SELF_CHECK', String(year), null, norr);
    expect(total.received).toEqual({ count: byHand?.received, suppressed: false });
    expect(total.withActions).toEqual({ count: byHand?.with_actions, suppressed: false });
    expect(total.closed).toEqual({ count: byHand?.closed, suppressed: false });
  });

  it('audits the read', async () => {
    const { requestId } = await statistics(token.manager);
    const rows: Array<{ entity_type: string; action: string }> = await server.dataSource.query(
      `SELECT entity_type, action FROM audit_event WHERE request_id = $1`,
      [requestId],
    );
    expect(rows).toEqual([{ entity_type: 'quality_record_statistics', action: 'read' }]);
  });

  it('refuses staff, another unit, and a year that cannot have records', async () => {
    expect((await statistics(token.staff)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await statistics(token.managerSoder, { u: server.seed.unitIds[0] })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const bad = (await statistics(token.coordinator, { y: 1999 })).errors?.[0]?.extensions;
    expect([bad?.code, bad?.field]).toEqual(['BAD_USER_INPUT', 'year']);
  });
});
