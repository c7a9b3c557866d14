/**
 * `pnpm bench` (indicators): 1,000,000 reviews on PostgreSQL, in a database of its own (created and dropped).
 * 3 years, 30 units in 3 administrations, 10 areas, 20 answers a review, their risks and follow-up actions,
 * loaded with a bulk loader: COPY on three connections, foreign keys and secondary indexes rebuilt after (see
 * `copyLoad`), beside the earlier UNNEST loader for the first BENCH_BASELINE_REVIEWS (50,000) as the baseline.
 * Then the dashboard's query through the API (the PWA's Dashboard operation) for a unit manager and for a
 * whole administration, p50/p95, beside the same aggregates written as plain SQL over the raw tables.
 * BENCH_REVIEWS sets the count (default 1,000,000), BENCH_RUNS the timed dashboard runs (20); DATABASE_URL the server (default the local one). It runs only with
 * BENCH_INDICATORS=1 (`pnpm --filter @hjulet/bench bench:indicators`): at the load rate measured so far it takes
 * longer than the ten minutes `pnpm bench` should.
 */
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { startTestServer, type TestServer } from '@hjulet/api/test-support/test-server.js';
import { createServices } from '@hjulet/api/services.js';
import { loadConfig } from '@hjulet/api/shared/config.js';
import { principalOf } from '@hjulet/api/auth/auth.service.js';
import { User } from '@hjulet/api/users/user.entity.js';
import { DEMO_PASSWORD } from '@hjulet/api/seed/demo-seed.js';
import { safetyTemplate } from '@hjulet/api/test-support/factories.js';
import type { TemplateDefinition } from '@hjulet/domain';
import { partitionComparison } from './partition-comparison.js';
import { ms, percentile } from './figures.js';

process.env['DATABASE_URL'] ??= 'postgres://postgres@127.0.0.1:5432/postgres';
const REVIEWS = Number(process.env['BENCH_REVIEWS'] ?? 1_000_000);
const BATCH = 10_000;
/** Reviews loaded with the earlier UNNEST loader first, as the baseline of the load rate. */
const BASELINE_REVIEWS = Number(process.env['BENCH_BASELINE_REVIEWS'] ?? 50_000);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 20);
const UNITS = 30;
const AREAS = 10;
const YEARS = 3;
const REVIEWS_PER_RECIPIENT = 6;

const rows: string[][] = [];
const add = (measure: string, value: string, baseline = '', ratio = '', aim = '') => {
  process.stderr.write(`… ${measure}: ${value}\n`);
  rows.push([measure, value, baseline, ratio, aim]);
};

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
 * Loads the bench's data set into the test server's database and prints the load figures; the statistics
 * bench (statistics-bench.ts) loads the same one.
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

  // The reviews, their risks and actions, generated in batches; the first BASELINE_REVIEWS with the loader
  // this bench used before (INSERT … SELECT FROM UNNEST, every index and foreign key in place), the rest with
  // COPY as PostgreSQL's "Populating a Database" advises, so both rates come from the same run and tables.
  const counts = { answers: 0, risks: 0, actions: 0 };
  const generate = (start: number, n: number): Batch => {
    const batch = emptyBatch();
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
            batch.risk.push([riskId, id, item.key, item.category, at.toISOString()]);
            if (random() < 0.5) {
              const done = random() < 0.7;
              batch.action.push([
                randomUUID(),
                id,
                riskId,
                unitId,
                new Date(at.getTime() + 30 * 86_400_000).toISOString().slice(0, 10),
                done ? 'done' : 'open',
                done ? new Date(Math.min(now, at.getTime() + (3 + random() * 45) * 86_400_000)).toISOString() : null,
                by,
                at.toISOString(),
              ]);
            }
          }
        }
        counts.answers += items.length;
      }
      batch.review.push([id, r.id, unitId, areas[r.area] as string, status, JSON.stringify(answers), by, at.toISOString()]);
    }
    counts.risks += batch.risk.length;
    counts.actions += batch.action.length;
    return batch;
  };
  // Reviews are partitioned by month (migration 1765190000000), which makes this month and those around it: an
  // import of history makes its months first, or its reviews all land in the default partition.
  await ds.query(`SELECT review_ensure_month_partitions($1, now())`, [new Date(now - span).toISOString()]);
  const baselineReviews = Math.min(REVIEWS, BASELINE_REVIEWS);
  const tBase = performance.now();
  for (let start = 0; start < baselineReviews; start += BATCH)
    await insertUnnest(ds, generate(start, Math.min(BATCH, baselineReviews - start)), server.seed.templateVersionId);
  const baseSeconds = (performance.now() - tBase) / 1000;
  const baseAnswers = counts.answers;

  const dbUrl = String((ds.options as { url?: string }).url);
  const tCopy = performance.now();
  const { phases, rollupSeconds } = await copyLoad(dbUrl, server.seed.templateVersionId, baselineReviews, REVIEWS, generate);
  const copySeconds = (performance.now() - tCopy) / 1000;
  const copyAnswers = counts.answers - baseAnswers;
  const copyReviews = REVIEWS - baselineReviews;
  const loadSeconds = (performance.now() - t0) / 1000;
  await ds.query('ANALYZE');
  // The answers are not a table: each review stores its answers as one JSONB object (review.answers), one key
  // per question answered. An "answer row" is one such key/value pair, counted here in the database.
  const [stored] = (await ds.query(`SELECT sum((SELECT count(*) FROM jsonb_object_keys(answers)))::bigint AS n, count(*) AS reviews FROM review`)) as Array<{
    n: string;
    reviews: string;
  }>;
  if (Number(stored?.n) !== counts.answers || Number(stored?.reviews) !== REVIEWS)
    throw new Error(`stored ${stored?.n} answers in ${stored?.reviews} reviews, generated ${counts.answers} in ${REVIEWS}`);
  add(
    `data set: ${REVIEWS} reviews (85 % completed with 20 answers, 10 % declined, 5 % offered) of ${recipientCount} recipients, ${UNITS} units, ${AREAS} areas, ${YEARS} years; ${counts.answers} answers, ${counts.risks} risks, ${counts.actions} actions`,
    `${loadSeconds.toFixed(1)} s in all`,
  );
  add(
    'answer rows = key/value pairs of review.answers (JSONB, one object a review), counted in the database after the load',
    `${Number(stored?.n).toLocaleString('en')}`,
  );
  add(
    `COPY load of ${copyReviews} reviews (3 streams; indexes and foreign keys rebuilt and validated after, included: ${phases})`,
    `${copySeconds.toFixed(1)} s`,
  );
  const copyRate = copyAnswers / copySeconds;
  const baseRate = baseAnswers / baseSeconds;
  add(
    'answer rows per second, COPY loader',
    `${Math.round(copyRate).toLocaleString('en')}/s`,
    `${Math.round(baseRate).toLocaleString('en')}/s UNNEST loader (INSERT … SELECT, ${BATCH} reviews a statement, first ${baselineReviews} reviews)`,
    (copyRate / baseRate).toFixed(2),
    '≥ 200,000/s',
  );
  // The UNNEST baseline keeps the rollup on write (its triggers are on), so the ratio above counts the COPY
  // loader's rebuild of it too; this is the load alone (COPY, indexes, foreign keys), beside the rebuild's time.
  add(
    'answer rows per second, COPY loader, the load alone (the rollup rebuilt after it, in the time beside)',
    `${Math.round(copyAnswers / (copySeconds - rollupSeconds)).toLocaleString('en')}/s`,
    `rollup rebuild ${rollupSeconds.toFixed(1)} s`,
  );
  add(
    'reviews per second, COPY loader',
    `${Math.round(copyReviews / copySeconds).toLocaleString('en')}/s`,
    `${Math.round(baselineReviews / baseSeconds).toLocaleString('en')}/s UNNEST`,
    (copyReviews / copySeconds / (baselineReviews / baseSeconds)).toFixed(2),
  );
  return { units, administrations, areas, staff };
}

async function main() {
  const started = performance.now();
  const server = await startTestServer({ recipientCount: 0 });
  try {
    if (server.kind !== 'postgres') throw new Error('the indicator bench runs on PostgreSQL (DATABASE_URL)');
    const ds = server.dataSource;
    const { units, administrations } = await loadIndicatorBenchData(server);
    // The load leaves gigabytes of WAL to write out: the checkpoint that follows would land in the middle of
    // the timed runs, which measure the dashboard as it is used, not the end of a bulk load.
    await ds.query('CHECKPOINT');
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
      add(`dashboard through the API, ${who}: p50`, ms(percentile(api, 50)));
      add(
        `dashboard through the API, ${who}: p95`,
        ms(percentile(api, 95)),
        `${ms(percentile(sql, 95))} plain SQL p95 (p50 ${ms(percentile(sql, 50))})`,
        (percentile(api, 95) / percentile(sql, 95)).toFixed(2),
        'p95 < 150 ms',
      );
    }
    await partitionComparison(ds, add);
  } finally {
    // BENCH_KEEP=1 leaves the database for EXPLAIN (its name is printed): the API and its connections
    // close, so the bench still ends, but the database is not dropped.
    if (process.env['BENCH_KEEP']) {
      console.log(`kept database ${new URL(String((server.dataSource.options as { url?: string }).url)).pathname}`);
      await server.app.close();
      await server.dataSource.destroy();
    } else await server.close();
  }
  add('indicator bench total', `${((performance.now() - started) / 1000).toFixed(0)} s`);
  console.log('\n| measure | value | baseline | ratio | aim |\n|---|---|---|---|---|');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}

type ReviewRow = [id: string, recipient: string, unit: string, area: string, status: string, answers: string, by: string, at: string];
type RiskRow = [id: string, review: string, item: string, category: string, at: string];
type ActionRow = [id: string, review: string, risk: string, unit: string, due: string, status: string, closed: string | null, by: string, reviewAt: string];
interface Batch {
  review: ReviewRow[];
  risk: RiskRow[];
  action: ActionRow[];
}
const emptyBatch = (): Batch => ({ review: [], risk: [], action: [] });
const column = <T extends unknown[], K extends number>(rows: T[], k: K) => rows.map((row) => row[k]);

/** The loader this bench used before COPY: INSERT … SELECT FROM UNNEST of column arrays, with every index and foreign key in place. */
async function insertUnnest(ds: TestServer['dataSource'], b: Batch, templateVersionId: string): Promise<void> {
  await ds.query(
    `INSERT INTO review (id, client_id, recipient_id, unit_id, area_id, template_version_id, status, decline_reason, answers, performed_by, offered_at, performed_at)
     SELECT id, id, recipient_id, unit_id, area_id, $9, status, CASE WHEN status = 'declined' THEN 'Vill inte' END, answers, performed_by, at, CASE WHEN status <> 'offered' THEN at END
     FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::jsonb[], $7::uuid[], $8::timestamptz[]) AS t(id, recipient_id, unit_id, area_id, status, answers, performed_by, at)`,
    [...[0, 1, 2, 3, 4, 5, 6, 7].map((k) => column(b.review, k)), templateVersionId],
  );
  await ds.query(
    `INSERT INTO identified_risk (id, review_id, review_offered_at, item_key, category, severity, reportable, found_at)
     SELECT id, review_id, found_at, item_key, category, 'medium', false, found_at FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::timestamptz[]) AS t(id, review_id, item_key, category, found_at)`,
    [0, 1, 2, 3, 4].map((k) => column(b.risk, k)),
  );
  await ds.query(
    `INSERT INTO follow_up_action (id, client_id, review_id, review_offered_at, risk_id, unit_id, what, actor, due_date, status, closed_by, closed_at, created_by)
     SELECT id, id, review_id, review_at, risk_id, unit_id, 'Åtgärd', 'resident', due, status, CASE WHEN status = 'done' THEN by END, closed, by
     FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::date[], $6::text[], $7::timestamptz[], $8::uuid[], $9::timestamptz[])
       AS t(id, review_id, risk_id, unit_id, due, status, closed, by, review_at)`,
    [0, 1, 2, 3, 4, 5, 6, 7, 8].map((k) => column(b.action, k)),
  );
}

const LOADED = ['review', 'identified_risk', 'follow_up_action'] as const;

/**
 * The bulk loader: COPY (text format, through pg-copy-streams) into the three tables on three connections at
 * once, while the next batch is generated. As PostgreSQL's "Populating a Database" advises, the foreign keys of
 * the three tables and their secondary indexes are dropped first and rebuilt after; the time includes the
 * rebuild, and every foreign key is validated again over all rows (ADD CONSTRAINT checks the whole table).
 * Primary keys and unique constraints stay in place throughout. Returns the time of each phase, and that of
 * the rollup's rebuild alone.
 */
async function copyLoad(
  url: string,
  templateVersionId: string,
  from: number,
  to: number,
  generate: (start: number, n: number) => Batch,
): Promise<{ phases: string; rollupSeconds: number }> {
  const clients = LOADED.map(() => new pg.Client({ connectionString: url }));
  await Promise.all(clients.map((c) => c.connect()));
  const [main] = clients as [pg.Client, ...pg.Client[]];
  const phase: string[] = [];
  let t = performance.now();
  let rollupSeconds = 0;
  const lap = (name: string) => {
    const now = performance.now();
    phase.push(`${name} ${((now - t) / 1000).toFixed(1)} s`);
    t = now;
  };
  try {
    await Promise.all(clients.map((c) => c.query(`SET synchronous_commit = off; SET maintenance_work_mem = '256MB'`)));
    const { rows: fks } = await main.query<{ tbl: string; name: string; def: string }>(
      `SELECT conrelid::regclass::text AS tbl, conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
       WHERE contype = 'f' AND conrelid = ANY ($1::regclass[]) AND conparentid = 0 ORDER BY conrelid::regclass::text, conname`,
      [[...LOADED]],
    );
    const { rows: indexes } = await main.query<{ tbl: string; name: string; def: string }>(
      `SELECT i.tablename AS tbl, i.indexname AS name, i.indexdef AS def FROM pg_indexes i
       WHERE i.schemaname = current_schema() AND i.tablename = ANY ($1::text[])
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = (quote_ident(i.indexname))::regclass)`,
      [[...LOADED]],
    );
    // The indicator rollup's triggers (migration 1765050000000) recompute a statement's recipients' facts at its
    // end: after a COPY of hundreds of thousands of rows, with the indexes dropped, that is a scan per recipient.
    // They are switched off for the COPY, and the facts rebuilt after in one pass (counted in the load time).
    const { rows: rollupTriggers } = await main.query<{ tbl: string; name: string }>(
      `SELECT tgrelid::regclass::text AS tbl, tgname AS name FROM pg_trigger
       WHERE NOT tgisinternal AND tgname LIKE 'indicator_fact_%' AND tgrelid = ANY ($1::regclass[])`,
      [[...LOADED]],
    );
    for (const tr of rollupTriggers) await main.query(`ALTER TABLE ${tr.tbl} DISABLE TRIGGER ${tr.name}`);
    // A review's row claims its client id in review_receipt, a row trigger that would make COPY store row by row:
    // off for the COPY, and the receipts written after in one statement (counted in the load time).
    await main.query(`ALTER TABLE review DISABLE TRIGGER review_claim_client_id`);
    for (const fk of fks) await main.query(`ALTER TABLE ${fk.tbl} DROP CONSTRAINT ${fk.name}`);
    for (const index of indexes) await main.query(`DROP INDEX ${index.name}`);
    lap(`drop ${fks.length} foreign keys and ${indexes.length} indexes, switch off ${rollupTriggers.length} rollup triggers`);

    const streams = clients.map((c, k) =>
      c.query(
        copyFrom(
          [
            `COPY review (id, client_id, recipient_id, unit_id, area_id, template_version_id, status, decline_reason, answers, performed_by, offered_at, performed_at) FROM STDIN`,
            `COPY identified_risk (id, review_id, review_offered_at, item_key, category, severity, reportable, found_at) FROM STDIN`,
            `COPY follow_up_action (id, client_id, review_id, review_offered_at, risk_id, unit_id, what, actor, due_date, status, closed_by, closed_at, created_by) FROM STDIN`,
          ][k] as string,
        ),
      ),
    );
    const done = streams.map((s) => new Promise<void>((resolve, reject) => s.on('finish', resolve).on('error', reject)));
    // Text format: the values here never contain a tab, newline or backslash; \N is NULL.
    const write = async (s: (typeof streams)[number], text: string) => {
      if (!s.write(text)) await new Promise<void>((resolve) => s.once('drain', resolve));
    };
    for (let start = from; start < to; start += BATCH) {
      const b = generate(start, Math.min(BATCH, to - start));
      const [rs, ks, as] = streams as [(typeof streams)[number], (typeof streams)[number], (typeof streams)[number]];
      await Promise.all([
        write(
          rs,
          b.review
            .map(
              ([id, recipient, unit, area, status, answers, by, at]) =>
                `${id}\t${id}\t${recipient}\t${unit}\t${area}\t${templateVersionId}\t${status}\t${status === 'declined' ? 'Vill inte' : '\\N'}\t${answers}\t${by}\t${at}\t${status === 'offered' ? '\\N' : at}\n`,
            )
            .join(''),
        ),
        write(ks, b.risk.map(([id, review, item, category, at]) => `${id}\t${review}\t${at}\t${item}\t${category}\tmedium\tf\t${at}\n`).join('')),
        write(
          as,
          b.action
            .map(
              ([id, review, risk, unit, due, status, closed, by, reviewAt]) =>
                `${id}\t${id}\t${review}\t${reviewAt}\t${risk}\t${unit}\tÅtgärd\tresident\t${due}\t${status}\t${status === 'done' ? by : '\\N'}\t${closed ?? '\\N'}\t${by}\n`,
            )
            .join(''),
        ),
      ]);
    }
    for (const s of streams) s.end();
    await Promise.all(done);
    lap('COPY');
    await main.query(`ALTER TABLE review ENABLE TRIGGER review_claim_client_id`);
    await main.query(`INSERT INTO review_receipt (client_id, review_id, offered_at) SELECT client_id, id, offered_at FROM review ON CONFLICT DO NOTHING`);
    lap('client ids kept in review_receipt');

    // Each table's indexes on its own connection, the three tables at once. A partitioned table's index is
    // described "ON ONLY" the table, which would make it for the table alone and none of its partitions.
    for (const index of indexes) index.def = index.def.replace(' ON ONLY ', ' ON ');
    await Promise.all(
      LOADED.map((tbl, k) =>
        indexes.filter((i) => i.tbl === tbl).reduce((p, i) => p.then(() => clients[k]?.query(i.def)), Promise.resolve<unknown>(undefined)),
      ),
    );
    const [invalid] = (await main.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_index WHERE NOT indisvalid`)).rows;
    if (invalid?.n) throw new Error(`${invalid.n} indexes left invalid by the rebuild`);
    lap(`${indexes.length} indexes built`);
    // One at a time: adding a foreign key locks both tables.
    for (const fk of fks) await main.query(`ALTER TABLE ${fk.tbl} ADD CONSTRAINT ${fk.name} ${fk.def}`);
    lap(`${fks.length} foreign keys validated`);
    if (rollupTriggers.length > 0) {
      for (const tr of rollupTriggers) await main.query(`ALTER TABLE ${tr.tbl} ENABLE TRIGGER ${tr.name}`);
      // The rebuild is planned from the loaded tables' statistics: without these, from those of the empty ones.
      await main.query(`ANALYZE ${LOADED.join(', ')}`);
      await main.query(`SELECT indicator_fact_refresh(NULL)`);
      // What autovacuum would do soon after such a load: statistics, and the visibility map that lets the
      // dashboard's lookups by (recipient, day) read the index alone.
      await main.query(
        `VACUUM (ANALYZE) indicator_review_fact, indicator_risk_fact, indicator_action_fact, indicator_recipient_fact, indicator_split,
         indicator_review_cell, indicator_coverage_cell, indicator_eligible_cell, indicator_closure_cell`,
      );
      const before = t;
      lap('rollup facts and cells rebuilt');
      rollupSeconds = (t - before) / 1000;
    }
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
  return { phases: phase.join(', '), rollupSeconds };
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
