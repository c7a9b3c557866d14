/**
 * `pnpm bench` (indicators): 1,000,000 reviews on PostgreSQL, in a database of its own (created and dropped).
 * 3 years, 30 units in 3 administrations, 10 areas, 20 answers a review, their risks and follow-up actions,
 * loaded with a bulk loader (INSERT … SELECT FROM UNNEST of column arrays, 10,000 reviews a statement).
 * Then the dashboard's query through the API (the PWA's Dashboard operation) for a unit manager and for a
 * whole administration, p50/p95, beside the same aggregates written as plain SQL over the raw tables.
 * BENCH_REVIEWS sets the count (default 1,000,000); DATABASE_URL the server (default the local one). It runs only with
 * BENCH_INDICATORS=1 (`pnpm --filter @hjulet/bench bench:indicators`): at the load rate measured so far it takes
 * longer than the ten minutes `pnpm bench` should.
 */
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { startTestServer, type TestServer } from '@hjulet/api/test-support/test-server.js';
import { createServices } from '@hjulet/api/services.js';
import { loadConfig } from '@hjulet/api/shared/config.js';
import { principalOf } from '@hjulet/api/auth/auth.service.js';
import { User } from '@hjulet/api/users/user.entity.js';
import { DEMO_PASSWORD } from '@hjulet/api/seed/demo-seed.js';
import { safetyTemplate } from '@hjulet/api/test-support/factories.js';
import type { TemplateDefinition } from '@hjulet/domain';

process.env['DATABASE_URL'] ??= 'postgres://postgres@127.0.0.1:5432/postgres';
const REVIEWS = Number(process.env['BENCH_REVIEWS'] ?? 1_000_000);
const BATCH = 10_000;
const RUNS = 20;
const UNITS = 30;
const AREAS = 10;
const YEARS = 3;
const REVIEWS_PER_RECIPIENT = 6;

const rows: string[][] = [];
const add = (measure: string, value: string, baseline = '', ratio = '', aim = '') => {
  process.stderr.write(`… ${measure}: ${value}\n`);
  rows.push([measure, value, baseline, ratio, aim]);
};
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * p) - 1)] ?? NaN;
const ms = (n: number) => `${n.toFixed(n < 100 ? 1 : 0)} ms`;

// A cheap deterministic random stream.
let seed = 42;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;

const DASHBOARD = `query Dashboard($period: PeriodInput!, $trend: PeriodInput!, $filter: IndicatorFilter, $riskFilter: IndicatorFilter, $trendFilter: IndicatorFilter, $workPeriod: String!) {
  indicatorScope { units { id name } areas { id name } }
  totals: indicators(period: $period, filter: $filter) { indicator category numerator denominator value }
  coverageByUnit: indicators(period: $period, groupBy: [UNIT], filter: $trendFilter) { indicator unitId numerator denominator value }
  risksByArea: indicators(period: $period, groupBy: [AREA], filter: $riskFilter) { indicator category areaId numerator denominator value }
  trend: indicators(period: $trend, filter: $trendFilter) { indicator period numerator denominator value }
  actionBacklog(filter: $filter) { open overdue }
  coverageWorkList(period: $workPeriod, filter: $filter) { recipient { id reference } lastOfferedAt }
}`;

/**
 * The bench data set: 30 units in 3 administrations, 10 areas (BENCH0–BENCH9), staff, a unit manager and a
 * coordinator, and BENCH_REVIEWS reviews with their risks and actions, bulk loaded; prints the load rates.
 * Exported for the other benches on the same data (statistics-bench.ts).
 */
export async function loadIndicatorBenchData(server: TestServer) {
  const ds = server.dataSource;
  const services = createServices(ds, loadConfig({ NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent' }));
  const admin = await ds.manager.findOneByOrFail(User, { email: 'admin@demo.hjulet.se' });
  const asAdmin = { principal: principalOf(admin), requestId: 'bench' };
  const administrations: Array<{ id: string }> = [];
  const units: Array<{ id: string; administrationId: string }> = [];
  for (let a = 0; a < 3; a++) {
    const administration = await services.organisation.createAdministration(asAdmin, `Bänkförvaltning ${a + 1}`);
    administrations.push(administration);
    for (let u = 0; u < UNITS / 3; u++)
      units.push({
        id: (await services.organisation.createUnit(asAdmin, administration.id, `Bänkenhet ${a + 1}.${u + 1}`)).id,
        administrationId: administration.id,
      });
  }
  const areas: string[] = [];
  for (let i = 0; i < AREAS; i++) areas.push((await services.organisation.createArea(asAdmin, `BENCH${i}`, `Bänkområde ${i + 1}`)).id);
  const staff: string[] = [];
  for (const [i, unit] of units.entries()) {
    staff.push(
      (
        await services.users.create(asAdmin, {
          role: 'staff',
          email: `bench.staff${i}@demo.hjulet.se`,
          displayName: `Bänk ${i}`,
          password: DEMO_PASSWORD,
          unitId: unit.id,
        })
      ).id,
    );
  }
  await services.users.create(asAdmin, {
    role: 'unit_manager',
    email: 'bench.manager@demo.hjulet.se',
    displayName: 'Bänkchef',
    password: DEMO_PASSWORD,
    unitId: units[0]?.id,
  });
  await services.users.create(asAdmin, {
    role: 'quality_coordinator',
    email: 'bench.coordinator@demo.hjulet.se',
    displayName: 'Bänkkvalitet',
    password: DEMO_PASSWORD,
    administrationId: administrations[0]?.id,
  });

  // The safety checklist's first 20 risk items: their keys, categories and the answer that is a risk.
  const template = safetyTemplate() as TemplateDefinition;
  const items = template.sections
    .flatMap((s) => s.items)
    .flatMap((item) => (item.risk && 'when' in item.risk ? [{ key: item.key, category: item.risk.category, risk: item.risk.when[0] as string }] : []))
    .slice(0, 20);
  const now = Date.now();
  const span = YEARS * 365 * 86_400_000;

  // Recipients, one insert.
  const recipientCount = Math.ceil(REVIEWS / REVIEWS_PER_RECIPIENT);
  const recipients = Array.from({ length: recipientCount }, (_, i) => ({ id: randomUUID(), unit: i % UNITS, area: Math.floor(random() * AREAS) }));
  const t0 = performance.now();
  for (let i = 0; i < recipients.length; i += 50_000) {
    const part = recipients.slice(i, i + 50_000);
    await ds.query(
      `INSERT INTO care_recipient (id, municipality_id, reference, unit_id, area_id, housing_type, created_at)
       SELECT id, $1, 'B-' || ref, unit_id, area_id, (ARRAY['rented_flat','owned_flat','house','other'])[1 + ref % 4], now() - interval '4 years'
       FROM unnest($2::uuid[], $3::int[], $4::uuid[], $5::uuid[]) AS t(id, ref, unit_id, area_id)`,
      [server.seed.municipalityId, part.map((r) => r.id), part.map((_, j) => i + j), part.map((r) => units[r.unit]?.id), part.map((r) => areas[r.area])],
    );
  }

  let answerRows = 0;
  let riskRows = 0;
  let actionRows = 0;
  for (let start = 0; start < REVIEWS; start += BATCH) {
    const n = Math.min(BATCH, REVIEWS - start);
    const review = {
      id: [] as string[],
      recipient: [] as string[],
      unit: [] as string[],
      area: [] as string[],
      status: [] as string[],
      by: [] as string[],
      at: [] as string[],
      answers: [] as string[],
    };
    const risk = { id: [] as string[], review: [] as string[], item: [] as string[], category: [] as string[], at: [] as string[] };
    const action = {
      id: [] as string[],
      review: [] as string[],
      risk: [] as string[],
      unit: [] as string[],
      due: [] as string[],
      status: [] as string[],
      closed: [] as Array<string | null>,
      by: [] as string[],
    };
    for (let k = 0; k < n; k++) {
      const r = recipients[(start + k) % recipientCount] as (typeof recipients)[number];
      const id = randomUUID();
      const at = new Date(now - random() * span);
      const roll = random();
      const status = roll < 0.85 ? 'completed' : roll < 0.95 ? 'declined' : 'offered';
      const unitId = units[r.unit]?.id as string;
      const by = staff[r.unit] as string;
      const answers: Record<string, string> = {};
      if (status === 'completed') {
        for (const item of items) {
          const isRisk = random() < 0.12;
          answers[item.key] = isRisk ? item.risk : item.risk === 'yes' ? 'no' : 'yes';
          if (isRisk) {
            const riskId = randomUUID();
            risk.id.push(riskId);
            risk.review.push(id);
            risk.item.push(item.key);
            risk.category.push(item.category);
            risk.at.push(at.toISOString());
            if (random() < 0.5) {
              const done = random() < 0.7;
              action.id.push(randomUUID());
              action.review.push(id);
              action.risk.push(riskId);
              action.unit.push(unitId);
              action.due.push(new Date(at.getTime() + 30 * 86_400_000).toISOString().slice(0, 10));
              action.status.push(done ? 'done' : 'open');
              action.closed.push(done ? new Date(Math.min(now, at.getTime() + (3 + random() * 45) * 86_400_000)).toISOString() : null);
              action.by.push(by);
            }
          }
        }
        answerRows += items.length;
      }
      review.id.push(id);
      review.recipient.push(r.id);
      review.unit.push(unitId);
      review.area.push(areas[r.area] as string);
      review.status.push(status);
      review.by.push(by);
      review.at.push(at.toISOString());
      review.answers.push(JSON.stringify(answers));
    }
    await ds.query(
      `INSERT INTO review (id, client_id, recipient_id, unit_id, area_id, template_version_id, status, decline_reason, answers, performed_by, offered_at, performed_at)
       SELECT id, id, recipient_id, unit_id, area_id, $9, status, CASE WHEN status = 'declined' THEN 'Vill inte' END, answers, performed_by, at, CASE WHEN status <> 'offered' THEN at END
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::jsonb[], $7::uuid[], $8::timestamptz[]) AS t(id, recipient_id, unit_id, area_id, status, answers, performed_by, at)`,
      [review.id, review.recipient, review.unit, review.area, review.status, review.answers, review.by, review.at, server.seed.templateVersionId],
    );
    await ds.query(
      `INSERT INTO identified_risk (id, review_id, item_key, category, severity, reportable, found_at)
       SELECT id, review_id, item_key, category, 'medium', false, found_at FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::timestamptz[]) AS t(id, review_id, item_key, category, found_at)`,
      [risk.id, risk.review, risk.item, risk.category, risk.at],
    );
    await ds.query(
      `INSERT INTO follow_up_action (id, client_id, review_id, risk_id, unit_id, what, actor, due_date, status, closed_by, closed_at, created_by)
       SELECT id, id, review_id, risk_id, unit_id, 'Åtgärd', 'resident', due, status, CASE WHEN status = 'done' THEN by END, closed, by
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::date[], $6::text[], $7::timestamptz[], $8::uuid[]) AS t(id, review_id, risk_id, unit_id, due, status, closed, by)`,
      [action.id, action.review, action.risk, action.unit, action.due, action.status, action.closed, action.by],
    );
    riskRows += risk.id.length;
    actionRows += action.id.length;
  }
  const loadSeconds = (performance.now() - t0) / 1000;
  await ds.query('ANALYZE');
  add(
    `bulk load (UNNEST, ${BATCH} reviews a statement): ${REVIEWS} reviews, ${answerRows} answers, ${riskRows} risks, ${actionRows} actions`,
    `${loadSeconds.toFixed(1)} s`,
  );
  add(
    'answer rows per second',
    `${Math.round(answerRows / loadSeconds).toLocaleString('en')}/s`,
    '200,000/s aim',
    (answerRows / loadSeconds / 200_000).toFixed(2),
    '≥ 200,000/s',
  );
  add('reviews per second', `${Math.round(REVIEWS / loadSeconds).toLocaleString('en')}/s`);
  return { units, administrations, areas, staff };
}

async function main() {
  const started = performance.now();
  const server = await startTestServer({ recipientCount: 0 });
  try {
    if (server.kind !== 'postgres') throw new Error('the indicator bench runs on PostgreSQL (DATABASE_URL)');
    const ds = server.dataSource;
    const { units, administrations } = await loadIndicatorBenchData(server);
    const year = String(new Date().getFullYear());
    const month = new Date();
    const trendFrom = new Date(month.getFullYear(), month.getMonth() - 11, 1);
    const key = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
    const variables = {
      period: { from: year },
      trend: { from: key(trendFrom), to: key(month), grain: 'MONTH' },
      filter: {},
      riskFilter: { indicators: ['RISK_PREVALENCE'] },
      trendFilter: { indicators: ['COVERAGE', 'RISK_PREVALENCE'] },
      workPeriod: year,
    };
    for (const [who, email, unitIds] of [
      ['unit manager (1 unit)', 'bench.manager@demo.hjulet.se', [units[0]?.id]],
      [
        'quality coordinator (administration, 10 units)',
        'bench.coordinator@demo.hjulet.se',
        units.filter((u) => u.administrationId === administrations[0]?.id).map((u) => u.id),
      ],
    ] as const) {
      const token = await server.tokenFor(email);
      const api: number[] = [];
      for (let i = 0; i < RUNS + 2; i++) {
        const t = performance.now();
        const res = await server.gql(DASHBOARD, variables, token);
        if (res.errors) throw new Error(JSON.stringify(res.errors));
        if (i >= 2) api.push(performance.now() - t);
      }
      const sql: number[] = [];
      for (let i = 0; i < RUNS + 2; i++) {
        const t = performance.now();
        await plainSql(ds, [...unitIds] as string[], year);
        if (i >= 2) sql.push(performance.now() - t);
      }
      add(`dashboard through the API, ${who}: p50`, ms(pct(api, 0.5)));
      add(
        `dashboard through the API, ${who}: p95`,
        ms(pct(api, 0.95)),
        `${ms(pct(sql, 0.95))} plain SQL p95 (p50 ${ms(pct(sql, 0.5))})`,
        (pct(api, 0.95) / pct(sql, 0.95)).toFixed(2),
        'p95 < 150 ms',
      );
    }
  } finally {
    // BENCH_KEEP=1 leaves the database for EXPLAIN (its name is printed).
    if (process.env['BENCH_KEEP'])
      console.log(
        `kept database ${new URL(server.dataSource.options.type === 'postgres' ? String((server.dataSource.options as { url?: string }).url) : '').pathname}`,
      );
    else await server.close();
  }
  add('indicator bench total', `${((performance.now() - started) / 1000).toFixed(0)} s`);
  console.log('\n| measure | value | baseline | ratio | aim |\n|---|---|---|---|---|');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}

/**
 * The dashboard's aggregates for the year, as plain SQL over the raw tables (UTC periods, no scope functions, no
 * names): coverage, acceptance and prevalence per category, open/overdue actions, the 12-month trend of reviews.
 */
async function plainSql(ds: TestServer['dataSource'], units: string[], year: string): Promise<void> {
  const from = `${year}-01-01`;
  const to = `${Number(year) + 1}-01-01`;
  await Promise.all([
    ds.query(
      `SELECT count(*) AS due, count(*) FILTER (WHERE EXISTS (SELECT 1 FROM review r WHERE r.recipient_id = c.id AND r.offered_at >= $2 AND r.offered_at < $3)) AS offered
       FROM care_recipient c WHERE c.active AND c.ordinary_housing AND c.unit_id = ANY ($1)`,
      [units, from, to],
    ),
    ds.query(
      `SELECT count(DISTINCT recipient_id) AS offered, count(DISTINCT recipient_id) FILTER (WHERE status = 'completed') AS completed
       FROM review WHERE unit_id = ANY ($1) AND offered_at >= $2 AND offered_at < $3`,
      [units, from, to],
    ),
    ds.query(
      `SELECT ir.category, count(DISTINCT r.recipient_id) FROM review r JOIN identified_risk ir ON ir.review_id = r.id
       WHERE r.unit_id = ANY ($1) AND r.offered_at >= $2 AND r.offered_at < $3 AND r.status = 'completed' GROUP BY ir.category`,
      [units, from, to],
    ),
    ds.query(`SELECT count(*), count(*) FILTER (WHERE due_date < current_date) FROM follow_up_action WHERE status = 'open' AND unit_id = ANY ($1)`, [units]),
    ds.query(
      `SELECT date_trunc('month', offered_at), count(DISTINCT recipient_id) FROM review WHERE unit_id = ANY ($1) AND offered_at >= now() - interval '12 months' GROUP BY 1`,
      [units],
    ),
  ]);
}

// Run only as the script itself, not when another bench imports the loader.
const runAsScript = import.meta.url === pathToFileURL(process.argv[1] ?? '').href;
if (runAsScript && process.env['BENCH_INDICATORS']) await main();
else if (runAsScript)
  console.log(
    'indicator bench (1,000,000 reviews on PostgreSQL) skipped: it takes longer than the rest together; run `pnpm --filter @hjulet/bench bench:indicators`, or set BENCH_INDICATORS=1',
  );
