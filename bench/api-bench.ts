/**
 * `pnpm bench`: the API's write and read paths, on embedded PGlite and on PostgreSQL, each against a
 * baseline measured in the same process on the same database: the same rows written with plain
 * multi-row INSERTs through `pg`. Prints figures and ratios; asserts nothing (tests do that).
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { deriveRisks, type TemplateDefinition } from '@hjulet/domain';
import { startTestServer, DEMO, type TestServer } from '@hjulet/api/test-support/test-server.js';
import { safetyTemplate, SUBMIT_REVIEWS } from '@hjulet/api/test-support/factories.js';
import { LIST_REVIEWS } from './list-reviews.js';
import { asPhoneSends, batchOf, PHONE_SUBMIT } from './phone-submit.js';
import { percentile } from './figures.js';
import { hashPassword, verifyPassword } from '@hjulet/api/auth/passwords.js';
import { basic, PARTNER_SELF_ID, partnerRequest, registerPartner, tokenRequest } from '@hjulet/api/test-support/partners.js';
import { newRecipient, submitReview } from '@hjulet/api/test-support/referrals.js';
import { startWebhookReceiver } from '@hjulet/api/test-support/webhook-receiver.js';

const POSTGRES_URL = process.env['BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
/** BENCH_API_ONLY=partners: only the token endpoint and webhook latency, a minute rather than the whole run. */
const PARTNERS_ONLY = process.env['BENCH_API_ONLY'] === 'partners';
// Twenty batches of 500, so the p95 is not simply the slowest of a handful.
const ROUNDS = { 50: 20, 500: 20 } as const;

interface Row {
  database: string;
  measure: string;
  value: string;
  baseline?: string;
  ratio?: string;
  aim?: string;
}

const rows: Row[] = [];
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** The same rows the API writes for a batch (reviews + their risks), with plain multi-row INSERTs. */
async function baselineInsert(
  client: pg.Client,
  batch: ReturnType<typeof batchOf>,
  template: TemplateDefinition,
  units: Map<string, { unitId: string; areaId: string }>,
  userId: string,
) {
  const reviewValues: unknown[] = [];
  const reviewTuples: string[] = [];
  const riskValues: unknown[] = [];
  const riskTuples: string[] = [];
  for (const r of batch) {
    const id = randomUUID();
    const answers = Object.fromEntries(r.answers.map((a) => [a.itemKey, 'value' in a ? a.value : a.number]));
    const place = units.get(r.recipientId) as { unitId: string; areaId: string };
    const base = reviewValues.length;
    reviewValues.push(
      id,
      r.clientId,
      r.recipientId,
      place.unitId,
      place.areaId,
      r.templateVersionId,
      'completed',
      JSON.stringify(answers),
      true,
      userId,
      r.offeredAt,
      r.performedAt,
    );
    reviewTuples.push(`(${Array.from({ length: 12 }, (_, i) => `$${base + i + 1}`).join(',')})`);
    for (const risk of deriveRisks(template, answers as Record<string, string>)) {
      const b = riskValues.length;
      riskValues.push(randomUUID(), id, risk.itemKey, risk.category, risk.severity, risk.reportableToFireService, r.performedAt);
      riskTuples.push(`(${Array.from({ length: 7 }, (_, i) => `$${b + i + 1}`).join(',')})`);
    }
  }
  await client.query('BEGIN');
  await client.query(
    `INSERT INTO review (id, client_id, recipient_id, unit_id, area_id, template_version_id, status, answers, consent_to_share, performed_by, offered_at, performed_at) VALUES ${reviewTuples.join(',')}`,
    reviewValues,
  );
  await client.query(
    `INSERT INTO identified_risk (id, review_id, item_key, category, severity, reportable, found_at) VALUES ${riskTuples.join(',')}`,
    riskValues,
  );
  await client.query('COMMIT');
}

async function benchDatabase(label: string, server: TestServer) {
  const staff = await server.tokenFor(DEMO.staff);
  const manager = await server.tokenFor(DEMO.manager);
  const norr = server.seed.recipients.filter((r) => r.unitId === server.seed.unitIds[0]).map((r) => r.id);
  const template = safetyTemplate();
  const placements: Array<{ id: string; unit_id: string; area_id: string }> = await server.dataSource.query(`SELECT id, unit_id, area_id FROM care_recipient`);
  const units = new Map(placements.map((p) => [p.id, { unitId: p.unit_id, areaId: p.area_id }]));
  const [{ id: userId }] = await server.dataSource.query(`SELECT id FROM app_user WHERE email = $1`, [DEMO.staff]);
  const dbUrl = (server.dataSource.options as { url: string }).url;
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();

  // Warm up: template cache, JIT, connection pool.
  await server.gql(SUBMIT_REVIEWS, { input: batchOf(50, norr, server.seed.templateVersionId) }, staff);

  for (const size of [50, 500] as const) {
    const rounds = ROUNDS[size];
    let apiMs = 0;
    let baseMs = 0;
    const serverMs: number[] = [];
    const statements: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const input = asPhoneSends(batchOf(size, norr, server.seed.templateVersionId));
      const started = performance.now();
      const res = await server.gql<{ submitReviews: Array<{ outcome: string }> }>(PHONE_SUBMIT, { input }, staff);
      apiMs += performance.now() - started;
      if (res.data?.submitReviews.filter((r) => r.outcome === 'CREATED').length !== size) throw new Error(`batch not stored: ${JSON.stringify(res.errors)}`);
      const report = await server.lastReport('Submit');
      serverMs.push(report.durationMs);
      statements.push(report.sqlStatements);
      server.reports.length = 0;

      const baseline = batchOf(size, norr, server.seed.templateVersionId);
      const t0 = performance.now();
      await baselineInsert(client, baseline, template, units, userId);
      baseMs += performance.now() - t0;
    }
    const apiRate = (size * rounds) / (apiMs / 1000);
    const baseRate = (size * rounds) / (baseMs / 1000);
    rows.push({
      database: label,
      measure: `submitReviews as the staff app sends it, batches of ${size} (reviews/s, over HTTP)`,
      value: fmt(apiRate),
      baseline: `${fmt(baseRate)} (pg multi-row INSERT)`,
      ratio: fmt(apiRate / baseRate, 2),
      aim: size === 500 ? '≥ 0.50 × baseline' : '',
    });
    rows.push({
      database: label,
      measure: `  server-side p95 of a ${size}-review batch (ms)`,
      value: fmt(percentile(serverMs, 95), 1),
      aim: size === 500 ? '< 200' : '',
    });
    rows.push({ database: label, measure: `  SQL statements per ${size}-review batch (max)`, value: String(Math.max(...statements)), aim: '≤ 4' });
  }

  const listQuery = LIST_REVIEWS;
  for (const first of [50, 500]) {
    const times: number[] = [];
    let sql = 0;
    const cpu = process.cpuUsage();
    for (let i = 0; i < 5; i++) {
      const res = await server.gql<{ reviews: { edges: unknown[] } }>(listQuery, { first }, manager);
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      const report = await server.lastReport('List');
      times.push(report.durationMs);
      sql = report.sqlStatements;
      server.reports.length = 0;
    }
    rows.push({ database: label, measure: `reviews(first: ${first}) nested recipient/unit/risks/actions: SQL statements`, value: String(sql), aim: '≤ 3' });
    const used = process.cpuUsage(cpu);
    rows.push({ database: label, measure: `  server-side median (ms)`, value: fmt(percentile(times, 50), 1) });
    // The CPU a list costs is what a busy server has to share out: 71 ms for 50 before profile-list.ts found where it went, 37 ms after.
    rows.push({ database: label, measure: `  CPU per call, server and client (ms)`, value: fmt((used.user + used.system) / 1000 / 5, 1) });
  }
  await client.end();
}

/** Runs `task` `total` times, `concurrency` at a time; answers each call's latency (ms) and the wall time. */
async function load(total: number, concurrency: number, task: () => Promise<void>): Promise<{ latencies: number[]; wallMs: number }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < total) {
        const t0 = performance.now();
        await task();
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { latencies, wallMs: performance.now() - started };
}

/**
 * The partner token endpoint (POST /oauth/token, client-credentials) under concurrent clients, against
 * its floor: the argon2id verification of the secret alone, in this process, at the same concurrency.
 * Then a partner's GraphQL request (partnerSelf by documentId) with a token: the gate's cost per request.
 */
async function benchPartnerTokens(label: string, server: TestServer) {
  const admin = await server.tokenFor(DEMO.admin);
  const clients = await Promise.all(Array.from({ length: 4 }, () => registerPartner(server, admin)));
  const auths = clients.map((c) => basic(c.clientId, c.clientSecret));
  const total = 200;
  const concurrency = 4;
  let i = 0;
  await tokenRequest(server.url, auths[0] ?? null);
  const tokens = await load(total, concurrency, async () => {
    const res = await tokenRequest(server.url, auths[i++ % auths.length] ?? null);
    if (res.status !== 200) throw new Error(`token refused: ${JSON.stringify(res.body)}`);
  });
  const hash = await hashPassword('hjs_benchmark-secret');
  const floor = await load(total, concurrency, async () => {
    if (!(await verifyPassword(hash, 'hjs_benchmark-secret'))) throw new Error('verify failed');
  });
  const tokensPerSecond = total / (tokens.wallMs / 1000);
  const floorPerSecond = total / (floor.wallMs / 1000);
  rows.push({
    database: label,
    measure: `partner token endpoint, ${concurrency} concurrent clients (tokens/s, over HTTP)`,
    value: fmt(tokensPerSecond),
    baseline: `${fmt(floorPerSecond)} (argon2id verify alone)`,
    ratio: fmt(tokensPerSecond / floorPerSecond, 2),
  });
  rows.push({
    database: label,
    measure: `  token request p50 / p95 (ms)`,
    value: `${fmt(percentile(tokens.latencies, 50), 1)} / ${fmt(percentile(tokens.latencies, 95), 1)}`,
  });

  const token = (await tokenRequest(server.url, auths[0] ?? null)).body['access_token'] as string;
  const calls = await load(total, concurrency, async () => {
    const res = await partnerRequest(server.url, token, { documentId: PARTNER_SELF_ID });
    if (res.status !== 200) throw new Error(`partnerSelf refused: ${JSON.stringify(res.body)}`);
  });
  rows.push({
    database: label,
    measure: `partnerSelf by documentId (gate, client check, rate limit, audit) (requests/s)`,
    value: fmt(total / (calls.wallMs / 1000)),
  });
  rows.push({
    database: label,
    measure: `  partner request p50 / p95 (ms)`,
    value: `${fmt(percentile(calls.latencies, 50), 1)} / ${fmt(percentile(calls.latencies, 95), 1)}`,
  });
}

/**
 * Webhook delivery latency, from commit to receipt: a consented review stored (its submitReviews answer
 * is back, so its transaction, with the referral and the queued delivery, has committed) until the signed
 * `referral.created` reaches a receiver on the loopback. Reviews are sent one by one at uneven gaps, so
 * commits fall anywhere in the worker's poll interval (WEBHOOK_POLL_MS, 500 ms by default).
 */
async function benchWebhooks(label: string, server: TestServer) {
  const admin = await server.tokenFor(DEMO.admin);
  const staff = await server.tokenFor(DEMO.staff);
  const [unitId, areaId] = [server.seed.unitIds[0] as string, server.seed.areaIds[0] as string];
  const { clientId } = await registerPartner(server, admin, { areaIds: [areaId] });
  const receiver = await startWebhookReceiver();
  try {
    const res = await server.gql<{ registerWebhookEndpoint: { secret: string } }>(
      `mutation($input: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $input) { secret } }`,
      { input: { partnerClientId: clientId, url: receiver.url, events: ['REFERRAL_CREATED'] } },
      admin,
    );
    receiver.secret = res.data?.registerWebhookEndpoint.secret ?? null;
    const recipients = [];
    for (let n = 0; n < 40; n++) recipients.push(await newRecipient(server, admin, unitId, areaId));
    const committed = new Map<string, number>();
    for (const recipientId of recipients) {
      const reviewId = await submitReview(server, staff, recipientId);
      committed.set(reviewId, performance.now());
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 150));
    }
    const referrals: Array<{ id: string; review_id: string }> = await server.dataSource.query(
      `SELECT id, review_id FROM referral WHERE review_id = ANY($1::uuid[])`,
      [[...committed.keys()]],
    );
    await receiver.waitFor(() => receiver.accepted('referral.created').length >= referrals.length, 60_000);
    const receivedAt = new Map(receiver.accepted('referral.created').map((r) => [r.body.data['referralId'] as string, r.at]));
    const latencies = referrals.map((r) => (receivedAt.get(r.id) as number) - (committed.get(r.review_id) as number));
    const unsigned = receiver.received.filter((r) => !r.verified).length;
    rows.push({
      database: label,
      measure: `webhook delivery, commit → receipt p50 / p95 (ms, ${latencies.length} referrals, poll ${server.config.webhooks.pollMs} ms)`,
      value: `${fmt(percentile(latencies, 50))} / ${fmt(percentile(latencies, 95))}`,
      aim: unsigned === 0 ? 'all signatures verified' : `${unsigned} NOT verified`,
    });
  } finally {
    await receiver.close();
  }
}

async function main() {
  const targets: Array<[string, string | undefined]> = [
    ['PGlite (embedded)', undefined],
    ['PostgreSQL 15', POSTGRES_URL],
  ];
  for (const [label, url] of targets) {
    if (url) process.env['DATABASE_URL'] = url;
    else delete process.env['DATABASE_URL'];
    process.stderr.write(`… ${label}\n`);
    let server: TestServer;
    try {
      // Rate limits out of the way: the bench measures the work, not the limiter's refusals.
      server = await startTestServer({
        recipientCount: 120,
        env: { PARTNER_RATE_LIMIT_POINTS: '1000000', PARTNER_TOKEN_RATE_LIMIT_POINTS: '1000000' },
      });
    } catch (error) {
      rows.push({ database: label, measure: 'unavailable', value: (error as Error).message.slice(0, 80) });
      continue;
    }
    try {
      if (!PARTNERS_ONLY) await benchDatabase(label, server);
      await benchPartnerTokens(label, server);
      await benchWebhooks(label, server);
    } finally {
      await server.close();
    }
  }
  const head = ['database', 'measure', 'value', 'baseline', 'ratio', 'aim'] as const;
  const widths = head.map((h) => Math.max(h.length, ...rows.map((r) => (r[h] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] as number)).join('  ');
  console.log(line([...head]));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(head.map((h) => r[h] ?? '')));
}

await main();
