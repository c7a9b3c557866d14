import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestServer, type TestServer } from '../../test/support/test-server.js';
import { partnerRequest, partnerToken, registerPartner } from '../../test/support/partners.js';
import { linearAttacker, type Leaves } from '../../test/support/linear-attacker.js';
import { documentId } from '../partners/trusted-documents.js';

/*
 * Partner statistics against a planted leak, on PGlite and (with DATABASE_URL) PostgreSQL. Three areas of
 * their own (ST1–ST3), year 2023, so the demo data stays out:
 *   every area, every month: 6 people in rented flats complete a review, the first 3 with a fire risk
 *     (alarm_present, category brand) — except ST1 in March: only 2 people. That 2 is the planted leak:
 *     ST1's quarter minus its January and February, or March for all areas minus ST2 and ST3, gives it
 *     away to a naive suppression that only hides counts from 1 to 4.
 *   ST2, May: 7 people in houses complete a review, none with a risk.
 *   ST3, June: 5 people in houses are offered a review and decline.
 *   ST2, August: the 12 people of ST2's January and February are reviewed again, with no risk: the 6 fire
 *     risks of January and February are resolved by the next review.
 */

const AREAS = ['ST1', 'ST2', 'ST3'] as const;
const MONTHS = Array.from({ length: 12 }, (_, i) => `2023-${String(i + 1).padStart(2, '0')}`);
const QUARTERS = ['2023-Q1', '2023-Q2', '2023-Q3', '2023-Q4'];
const HOUSING = ['RENTED_FLAT', 'OWNED_FLAT', 'HOUSE', 'OTHER'];
const MEASURES = ['reviewsOffered', 'reviewsCompleted', 'reviewsWithRisk', 'risksFollowedUp', 'risksResolved'] as const;

const RISK_STATISTICS = `query RiskStatistics($period: String!, $areas: [String!], $categories: [String!], $groupBy: [RiskStatisticsGrouping!]) { riskStatistics(period: $period, areas: $areas, categories: $categories, groupBy: $groupBy) { period area { code name } housingType category reviewsOffered { count suppressed } reviewsCompleted { count suppressed } reviewsWithRisk { count suppressed } risksFollowedUp { count suppressed } risksResolved { count suppressed } } }`;
const INDICATORS = `query($period: PeriodInput!, $groupBy: [IndicatorGrouping!], $filter: IndicatorFilter) {
  indicators(period: $period, groupBy: $groupBy, filter: $filter) { indicator category period areaId housingType numerator denominator } }`;

interface Count {
  count: number | null;
  suppressed: boolean;
}
type StatisticsRow = { period: string; area: { code: string } | null; housingType: string | null; category: string | null } & Record<
  (typeof MEASURES)[number],
  Count | null
>;
interface DashboardRow {
  indicator: string;
  category: string | null;
  period: string;
  areaId: string | null;
  housingType: string | null;
  numerator: number | null;
  denominator: number;
}

let server: TestServer;
let token: string;
const areaId: Record<string, string> = {};

async function plant() {
  const db = server.dataSource;
  for (const code of AREAS) {
    areaId[code] = randomUUID();
    await db.query(`INSERT INTO area (id, municipality_id, code, name) VALUES ($1, $2, $3, $4)`, [
      areaId[code],
      server.seed.municipalityId,
      code,
      `Statistikområde ${code}`,
    ]);
  }
  const [{ id: staff }] = (await db.query(`SELECT id FROM app_user WHERE email = $1`, [DEMO.staff])) as [{ id: string }];
  const unit = server.seed.unitIds[0];
  const recipients: unknown[][] = [[], [], [], []];
  const reviews: unknown[][] = [[], [], [], [], []];
  const risks: unknown[][] = [[], [], []];
  const person = (code: string, housing: string) => {
    const id = randomUUID();
    [id, `ST-${id.slice(0, 8)}`, areaId[code], housing].forEach((v, i) => recipients[i]?.push(v));
    return id;
  };
  const review = (recipient: string, code: string, status: string, at: string, risky: boolean) => {
    const id = randomUUID();
    [id, recipient, areaId[code], status, at].forEach((v, i) => reviews[i]?.push(v));
    if (risky) [randomUUID(), id, at].forEach((v, i) => risks[i]?.push(v));
  };
  const again: Array<{ id: string }> = [];
  for (const code of AREAS) {
    MONTHS.forEach((month, m) => {
      const people = code === 'ST1' && month === '2023-03' ? 2 : 6;
      for (let i = 0; i < people; i++) {
        const id = person(code, 'rented_flat');
        review(id, code, 'completed', `${month}-10T10:00:00Z`, i < 3);
        if (code === 'ST2' && m < 2) again.push({ id });
      }
    });
  }
  for (let i = 0; i < 7; i++) review(person('ST2', 'house'), 'ST2', 'completed', '2023-05-12T10:00:00Z', false);
  for (let i = 0; i < 5; i++) review(person('ST3', 'house'), 'ST3', 'declined', '2023-06-12T10:00:00Z', false);
  for (const { id } of again) review(id, 'ST2', 'completed', '2023-08-15T10:00:00Z', false);

  await db.query(
    `INSERT INTO care_recipient (id, municipality_id, reference, unit_id, area_id, housing_type, ordinary_housing, active, created_at)
     SELECT id, $5, ref, $6, area, housing, true, true, '2022-01-01T00:00:00Z' FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[]) AS t(id, ref, area, housing)`,
    [...recipients, server.seed.municipalityId, unit],
  );
  await db.query(
    `INSERT INTO review (id, client_id, recipient_id, unit_id, area_id, template_version_id, status, decline_reason, performed_by, offered_at, performed_at)
     SELECT id, gen_random_uuid(), recipient, $6, area, $7, status, CASE WHEN status = 'declined' THEN 'Vill inte' END, $8, at::timestamptz, at::timestamptz
     FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[]) AS t(id, recipient, area, status, at)`,
    [...reviews, unit, server.seed.templateVersionId, staff],
  );
  await db.query(
    `INSERT INTO identified_risk (id, review_id, item_key, category, severity, reportable, found_at)
     SELECT id, review, 'alarm_present', 'brand', 'high', true, at::timestamptz FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS t(id, review, at)`,
    risks,
  );
}

async function statistics(variables: Record<string, unknown>): Promise<StatisticsRow[]> {
  const res = await partnerRequest(server.url, token, { documentId: documentId(RISK_STATISTICS), variables });
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return res.body.data?.['riskStatistics'] as StatisticsRow[];
}

beforeAll(async () => {
  server = await startTestServer();
  await plant();
  const client = await registerPartner(server, await server.tokenFor(DEMO.admin), { areaIds: AREAS.map((code) => areaId[code] as string) });
  token = await partnerToken(server.url, client);
}, 120_000);
afterAll(() => server?.close());

const keyOf = (measure: string, row: StatisticsRow) => `${measure}|${row.category ?? '*'}|${row.area?.code ?? '*'}|${row.period}|${row.housingType ?? '*'}`;

/** The finest cells (area × month × housing type) a published number adds up. */
function leavesOf(key: string): Leaves {
  const [measure, category, area, period, housing] = key.split('|') as [string, string, string, string, string];
  const months = MONTHS.filter((m) => m === period || period === '2023' || QUARTERS.indexOf(period) === Math.floor((Number(m.slice(5)) - 1) / 3));
  return (area === '*' ? AREAS : [area]).flatMap((a) =>
    months.flatMap((m) => (housing === '*' ? HOUSING : [housing]).map((h) => `${measure}|${category}|${a}|${m}|${h}`)),
  );
}

describe('riskStatistics for a partner', () => {
  it("equals the supervisors' dashboard for the same scope wherever a count is shown", async () => {
    const admin = await server.tokenFor(DEMO.admin);
    const codeOf = new Map(Object.entries(areaId).map(([code, id]) => [id, code]));
    let compared = 0;
    // Each quarter is asked of the dashboard as one period: the statistics read quarters as a series by
    // quarter, so this checks the series against the period it stands for.
    for (const [from, grain, period, groupBy] of [
      ['2023', 'MONTH', '2023', ['MONTH', 'AREA']],
      ['2023', null, '2023', []],
      ['2023-Q1', null, '2023-Q1', ['AREA', 'HOUSING_TYPE']],
      ['2023-Q2', null, '2023-Q2', ['AREA', 'HOUSING_TYPE']],
      ['2023-Q3', null, '2023-Q3', ['HOUSING_TYPE']],
    ] as const) {
      const dashboard = await server.gql<{ indicators: DashboardRow[] }>(
        INDICATORS,
        {
          period: { from, grain },
          groupBy: groupBy.filter((g) => g === 'AREA' || g === 'HOUSING_TYPE'),
          filter: { areaIds: Object.values(areaId), indicators: ['ACCEPTANCE', 'RISK_PREVALENCE', 'RISKS_RESOLVED_BY_NEXT_REVIEW'] },
        },
        admin,
      );
      const expected = new Map<string, number>();
      for (const d of dashboard.data?.indicators ?? []) {
        const at = `${d.category ?? '*'}|${d.areaId ? codeOf.get(d.areaId) : '*'}|${d.period}|${d.housingType ?? '*'}`;
        if (d.indicator === 'ACCEPTANCE') {
          expected.set(`reviewsOffered|${at}`, d.denominator);
          expected.set(`reviewsCompleted|${at}`, d.numerator ?? 0);
        } else if (d.indicator === 'RISK_PREVALENCE') expected.set(`reviewsWithRisk|${at}`, d.numerator ?? 0);
        else if (d.indicator === 'RISKS_RESOLVED_BY_NEXT_REVIEW' && d.category === null) {
          expected.set(`risksFollowedUp|${at}`, d.denominator);
          expected.set(`risksResolved|${at}`, d.numerator ?? 0);
        }
      }
      const rows = await statistics({ period, groupBy });
      for (const row of rows) {
        for (const measure of MEASURES) {
          const published = row[measure];
          if (!published || published.suppressed) continue;
          expect({ key: keyOf(measure, row), count: published.count }).toEqual({ key: keyOf(measure, row), count: expected.get(keyOf(measure, row)) ?? 0 });
          if (published.count !== 0) compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(80);
  });

  it('hides the planted small cell, which a naive suppression of only 1–4 would give away through a total', async () => {
    // The true counts, from the dashboard: people who completed a review, by area and month, and by area and quarter.
    const admin = await server.tokenFor(DEMO.admin);
    const codeOf = new Map(Object.entries(areaId).map(([code, id]) => [id, code]));
    const truth = new Map<string, number>();
    for (const [from, grain] of [
      ['2023', 'MONTH'],
      ['2023-Q1', null],
      ['2023-Q2', null],
      ['2023-Q3', null],
      ['2023-Q4', null],
    ]) {
      const res = await server.gql<{ indicators: DashboardRow[] }>(
        INDICATORS,
        { period: { from, grain }, groupBy: ['AREA'], filter: { areaIds: Object.values(areaId), indicators: ['ACCEPTANCE'] } },
        admin,
      );
      for (const d of res.data?.indicators ?? []) truth.set(`reviewsCompleted|*|${d.areaId ? codeOf.get(d.areaId) : '*'}|${d.period}|*`, d.numerator ?? 0);
    }
    const planted = 'reviewsCompleted|*|ST1|2023-03|*';
    expect(truth.get(planted)).toBe(2);
    // A naive publication shows every count that is not 1–4: ST1's quarter minus January and February is 2.
    const naiveShown = [...truth].filter(([, count]) => count === 0 || count >= 5).map(([key]) => key);
    expect(naiveShown).not.toContain(planted);
    expect(
      (truth.get('reviewsCompleted|*|ST1|2023-Q1|*') ?? 0) -
        (truth.get('reviewsCompleted|*|ST1|2023-01|*') ?? 0) -
        (truth.get('reviewsCompleted|*|ST1|2023-02|*') ?? 0),
    ).toBe(2);
    const allLeaves = leavesOf('reviewsCompleted|*|*|2023|*');
    expect(linearAttacker(naiveShown.map(leavesOf), allLeaves).recovers(leavesOf(planted))).toBe(true);
    // Hjulet's publication of the same table hides more, and the planted count cannot be worked out.
    const rows = [
      ...(await statistics({ period: '2023', groupBy: ['AREA', 'MONTH'] })),
      ...(await statistics({ period: '2023', groupBy: ['AREA', 'QUARTER'] })),
    ];
    const shown = rows.filter((r) => r.reviewsCompleted?.suppressed === false).map((r) => keyOf('reviewsCompleted', r));
    expect(rows.find((r) => keyOf('reviewsCompleted', r) === planted)?.reviewsCompleted).toEqual({ count: null, suppressed: true });
    expect(shown.length).toBeGreaterThan(20);
    expect(linearAttacker(shown.map(leavesOf), allLeaves).recovers(leavesOf(planted))).toBe(false);
  });

  it('lets a differencing attack over overlapping filters, groupings and periods recover no suppressed count', async () => {
    const requests: Array<Record<string, unknown>> = [];
    for (const period of ['2023', '2023-Q1', '2023-Q2', '2023-03', '2023-08']) {
      for (const groupBy of [
        [],
        ['AREA'],
        ['HOUSING_TYPE'],
        ['AREA', 'HOUSING_TYPE'],
        ['CATEGORY'],
        ['AREA', 'CATEGORY'],
        ['MONTH'],
        ['AREA', 'MONTH', 'HOUSING_TYPE'],
        ['QUARTER', 'AREA'],
      ]) {
        if (groupBy.includes('QUARTER') && /-\d{2}$/.test(period)) continue;
        requests.push({ period, groupBy });
      }
      requests.push(
        { period, groupBy: ['AREA'], areas: ['ST1'] },
        { period, groupBy: ['AREA', 'MONTH'], areas: ['ST1', 'ST2'] },
        { period, groupBy: ['AREA', 'HOUSING_TYPE'], areas: ['ST2', 'ST3'] },
      );
    }
    const seen = new Map<string, Count>();
    for (const variables of requests) {
      for (const row of await statistics(variables)) {
        for (const measure of MEASURES) {
          const published = row[measure];
          if (!published) continue;
          const key = keyOf(measure, row);
          // The same count answers the same, whatever the request: no request-dependent pattern to compare.
          if (seen.has(key)) expect({ key, published }).toEqual({ key, published: seen.get(key) });
          seen.set(key, published);
        }
      }
    }
    expect(seen.get('reviewsCompleted|*|ST1|2023-03|RENTED_FLAT')).toEqual({ count: null, suppressed: true });
    const byCube = new Map<string, string[]>();
    for (const key of seen.keys()) {
      const cube = key.split('|').slice(0, 2).join('|');
      byCube.set(cube, [...(byCube.get(cube) ?? []), key]);
    }
    const recovered: string[] = [];
    let hidden = 0;
    for (const [cube, keys] of byCube) {
      const allLeaves = leavesOf(`${cube}|*|2023|*`);
      const attacker = linearAttacker(keys.filter((k) => seen.get(k)?.suppressed === false).map(leavesOf), allLeaves);
      for (const key of keys.filter((k) => seen.get(k)?.suppressed === true)) {
        hidden++;
        if (attacker.recovers(leavesOf(key))) recovered.push(key);
      }
    }
    expect(hidden).toBeGreaterThan(5);
    expect(recovered).toEqual([]);
  }, 120_000);

  it('refuses a bad period, an area that is not the partner’s, and a total over a few of its areas, naming the field', async () => {
    const ask = async (variables: Record<string, unknown>) => {
      const res = await partnerRequest(server.url, token, { documentId: documentId(RISK_STATISTICS), variables });
      const error = res.body.errors?.[0];
      return { code: error?.extensions?.['code'], field: error?.extensions?.['field'] };
    };
    expect(await ask({ period: '2023-H1' })).toEqual({ code: 'BAD_USER_INPUT', field: 'period' });
    expect(await ask({ period: '2023', groupBy: ['AREA'], areas: ['N1'] })).toEqual({ code: 'NOT_FOUND', field: 'areas' });
    expect(await ask({ period: '2023', areas: ['ST1', 'ST2'] })).toEqual({ code: 'BAD_USER_INPUT', field: 'areas' });
    expect(await ask({ period: '2023', categories: ['brand'] })).toEqual({ code: 'BAD_USER_INPUT', field: 'categories' });
    expect(await ask({ period: '2023', groupBy: ['MONTH', 'QUARTER'] })).toEqual({ code: 'BAD_USER_INPUT', field: 'groupBy' });
  });

  it('answers FORBIDDEN to a partner token without risk_statistics:read', async () => {
    const client = await registerPartner(server, await server.tokenFor(DEMO.admin), { areaIds: [areaId['ST1'] as string], scopes: ['REFERRALS_READ'] });
    const narrow = await partnerToken(server.url, client);
    const res = await partnerRequest(server.url, narrow, { documentId: documentId(RISK_STATISTICS), variables: { period: '2023' } });
    expect(res.body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(res.body.data?.['riskStatistics'] ?? null).toBeNull();
  });
});
