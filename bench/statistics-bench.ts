/**
 * `pnpm bench` (partner statistics): on the indicator bench's data set (indicator-bench.ts's loader,
 * BENCH_REVIEWS reviews, default 1,000,000, on PostgreSQL), the fire service's `riskStatistics` for all 10
 * areas beside the supervisors' dashboard queries for the same scope (an admin: every unit, the same areas),
 * p50/p95 in the same run. The statistics are measured uncached (the SQL of every level of the year's grid,
 * then the suppression), and through the API as a partner sends them (a publication is reused for a minute).
 * Runs with BENCH_INDICATORS=1, like the indicator bench, for the same reason: the load takes long.
 */
import { startTestServer } from '@hjulet/api/test-support/test-server.js';
import { partnerRequest, partnerToken, registerPartner } from '@hjulet/api/test-support/partners.js';
import { documentId } from '@hjulet/api/partners/trusted-documents.js';
import { RiskStatisticsRepository } from '@hjulet/api/statistics/risk-statistics.repository.js';
import { primaryReads } from '@hjulet/api/shared/read-source.js';
import { RiskStatisticsService } from '@hjulet/api/statistics/risk-statistics.service.js';
import { loadIndicatorBenchData } from './indicator-bench.js';
import { ms, percentile } from './figures.js';

process.env['DATABASE_URL'] ??= 'postgres://postgres@127.0.0.1:5432/postgres';
/** BENCH_RUNS sets the timed runs of each measure (default 20; at 1,000,000 reviews a run of the dashboard takes seconds). */
const RUNS = Number(process.env['BENCH_RUNS'] ?? 20);

const RISK_STATISTICS = `query RiskStatistics($period: String!, $areas: [String!], $categories: [String!], $groupBy: [RiskStatisticsGrouping!]) { riskStatistics(period: $period, areas: $areas, categories: $categories, groupBy: $groupBy) { period area { code name } housingType category reviewsOffered { count suppressed } reviewsCompleted { count suppressed } reviewsWithRisk { count suppressed } risksFollowedUp { count suppressed } risksResolved { count suppressed } } }`;

/** The dashboard's indicator queries (totals, risks by area, the 12-month trend), for an admin narrowed to the partner's areas. */
const DASHBOARD_SAME_SCOPE = `query Dashboard($period: PeriodInput!, $trend: PeriodInput!, $filter: IndicatorFilter, $riskFilter: IndicatorFilter, $trendFilter: IndicatorFilter) {
  totals: indicators(period: $period, filter: $filter) { indicator category numerator denominator value }
  risksByArea: indicators(period: $period, groupBy: [AREA], filter: $riskFilter) { indicator category areaId numerator denominator value }
  byHousing: indicators(period: $period, groupBy: [AREA, HOUSING_TYPE], filter: $filter) { indicator category areaId housingType numerator denominator value }
  trend: indicators(period: $trend, filter: $trendFilter) { indicator period numerator denominator value }
}`;

const rows: string[][] = [];
const add = (measure: string, value: string, baseline = '', ratio = '') => {
  process.stderr.write(`… ${measure}: ${value}\n`);
  rows.push([measure, value, baseline, ratio]);
};

async function timed(run: () => Promise<void>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < RUNS + 2; i++) {
    const t = performance.now();
    await run();
    if (i >= 2) times.push(performance.now() - t);
  }
  return times;
}

async function main() {
  const started = performance.now();
  const server = await startTestServer({ recipientCount: 0 });
  try {
    if (server.kind !== 'postgres') throw new Error('the statistics bench runs on PostgreSQL (DATABASE_URL)');
    const { areas } = await loadIndicatorBenchData(server);
    const admin = await server.tokenFor('admin@demo.hjulet.se');
    const client = await registerPartner(server, admin, { areaIds: areas, scopes: ['RISK_STATISTICS_READ'] });
    const token = await partnerToken(server.url, client);
    const found = await server.app.services.partners.partnerFor(token);
    if (!('partner' in found)) throw new Error('partner token refused');
    const year = String(new Date().getFullYear());
    const month = new Date();
    const trendFrom = new Date(month.getFullYear(), month.getMonth() - 11, 1);
    const key = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
    const scope = { areaIds: areas };
    const dashboardVariables = {
      period: { from: year },
      trend: { from: key(trendFrom), to: key(month), grain: 'MONTH' },
      filter: scope,
      riskFilter: { ...scope, indicators: ['RISK_PREVALENCE'] },
      trendFilter: { ...scope, indicators: ['COVERAGE', 'RISK_PREVALENCE'] },
    };
    const dashboard = await timed(async () => {
      const res = await server.gql(DASHBOARD_SAME_SCOPE, dashboardVariables, admin);
      if (res.errors) throw new Error(JSON.stringify(res.errors));
    });
    const repository = new RiskStatisticsRepository(server.dataSource, primaryReads(server.dataSource));
    const variables = { period: year, groupBy: ['AREA', 'QUARTER', 'HOUSING_TYPE'] };
    const uncached = await timed(async () => {
      // A new service each run: no publication to reuse, so every run computes the grid and suppresses it.
      await new RiskStatisticsService(repository).statistics(
        found.partner,
        variables as { period: string; groupBy: Array<'area' | 'quarter' | 'housing_type'> },
      );
    });
    const api = await timed(async () => {
      const res = await partnerRequest(server.url, token, { documentId: documentId(RISK_STATISTICS), variables });
      if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
    });
    const base = `${ms(percentile(dashboard, 95))} dashboard p95 (p50 ${ms(percentile(dashboard, 50))})`;
    add("supervisors' dashboard, same scope (admin, 10 areas, year): p95", ms(percentile(dashboard, 95)));
    add('riskStatistics uncached (grid SQL + suppression), 10 areas × quarters × housing: p50', ms(percentile(uncached, 50)));
    add('riskStatistics uncached: p95', ms(percentile(uncached, 95)), base, (percentile(uncached, 95) / percentile(dashboard, 95)).toFixed(2));
    add(
      'riskStatistics through the API as a partner (publication reused): p95',
      ms(percentile(api, 95)),
      base,
      (percentile(api, 95) / percentile(dashboard, 95)).toFixed(2),
    );
  } finally {
    await server.close();
  }
  add('statistics bench total', `${((performance.now() - started) / 1000).toFixed(0)} s`);
  console.log('\n| measure | value | baseline | ratio |\n|---|---|---|---|');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}

if (process.env['BENCH_INDICATORS'])
  await main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
else console.log('statistics bench (on the indicator bench data set) skipped: set BENCH_INDICATORS=1, as for the indicator bench');
