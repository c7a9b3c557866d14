import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../app.js';
import { createServices } from '../services.js';
import { loadConfig } from '../shared/config.js';
import { openDataSource, openReadDataSource } from '../shared/data-source.js';
import { externalDatabase } from '../shared/database.js';
import { createLogger } from '../shared/logger.js';
import { replicaReads } from '../shared/read-source.js';
import { DEMO_PASSWORD, seedDemo, type DemoSeed } from '../seed/demo-seed.js';
import { reviewInput, SUBMIT_REVIEWS } from '../../test/support/factories.js';
import { startReplicatedCluster, type ReplicatedCluster } from '../../test/support/replicated-cluster.js';
import { DEMO, type GraphQLResponse } from '../../test/support/test-server.js';

/*
 * Statistics and dashboards on a streaming read replica (DATABASE_READ_URL). A private primary and a replica
 * made from it with pg_basebackup (test/support/replicated-cluster.ts). Three API instances on them: one
 * reading only the primary (the reference answer), one on the replica that accepts an hour of lag (shows
 * a stale answer, saying as of when), one that accepts half a second (falls back to the primary).
 */

const log = createLogger('silent');
let cluster: ReplicatedCluster;
let primary: DataSource;
let replica: DataSource;
let seed: DemoSeed;
const apps: Record<'primaryOnly' | 'patient' | 'strict', RunningApp> = {} as never;

beforeAll(async () => {
  cluster = await startReplicatedCluster();
  const config = loadConfig({ NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent', AUDIT_CHAIN_INTERVAL_MS: '0' });
  primary = await openDataSource(externalDatabase(cluster.primaryUrl));
  seed = await seedDemo(primary, createServices(primary, config), { recipientCount: 40 });
  replica = await openReadDataSource(cluster.replicaUrl);
  apps.primaryOnly = await startApp({ config, dataSource: primary, log });
  apps.patient = await startApp({ config, dataSource: primary, log, reads: replicaReads(primary, replica, 3600) });
  apps.strict = await startApp({ config, dataSource: primary, log, reads: replicaReads(primary, replica, 0.5) });
}, 240_000);

afterAll(async () => {
  for (const app of Object.values(apps)) await app.close();
  await replica?.destroy();
  await primary?.destroy();
  cluster?.stop();
});

async function gqlAt<T>(url: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<GraphQLResponse<T>> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as Omit<GraphQLResponse<T>, 'status'>) };
}

async function tokenFor(email: string): Promise<string> {
  const res = await gqlAt<{ login: { accessToken: string } }>(
    apps.primaryOnly.url,
    `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`,
    {
      e: email,
      p: DEMO_PASSWORD,
    },
  );
  if (!res.data) throw new Error(JSON.stringify(res.errors));
  return res.data.login.accessToken;
}

interface Freshness {
  asOf: string;
  source: 'PRIMARY' | 'REPLICA';
  lagSeconds: number;
  fellBack: boolean;
}
interface Dashboard {
  readFreshness: Freshness;
  indicators: Array<{ indicator: string; category: string | null; numerator: number | null; denominator: number }>;
  actionBacklog: Array<{ open: number; overdue: number }>;
  qualityRecordStatistics: { sources: Array<{ source: string; rows: Array<{ period: string; category: string | null; unitId: string | null }> }> };
}
const DASHBOARD = `query($period: PeriodInput!, $year: Int!) {
  readFreshness { asOf source lagSeconds fellBack }
  indicators(period: $period) { indicator category numerator denominator }
  actionBacklog { open overdue }
  qualityRecordStatistics(year: $year) { sources { source rows { period category unitId received { count suppressed } closed { count suppressed } } } }
}`;

async function dashboard(app: RunningApp, token: string): Promise<Dashboard> {
  const year = new Date().getFullYear();
  const res = await gqlAt<Dashboard>(app.url, DASHBOARD, { period: { from: String(year) }, year }, token);
  if (!res.data) throw new Error(JSON.stringify(res.errors));
  return res.data;
}
const figures = (d: Dashboard) => ({ indicators: d.indicators, actionBacklog: d.actionBacklog, qualityRecords: d.qualityRecordStatistics });

async function eventually<T>(probe: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function submitRiskyReview(staffToken: string): Promise<void> {
  const recipient = seed.recipients.find((r) => r.unitId === seed.unitIds[0]);
  if (!recipient) throw new Error('no recipient in the first unit');
  const res = await gqlAt<{ submitReviews: Array<{ outcome: string }> }>(
    apps.primaryOnly.url,
    SUBMIT_REVIEWS,
    { input: [reviewInput(recipient.id, seed.templateVersionId, { actions: [] })] },
    staffToken,
  );
  expect(res.data?.submitReviews.map((r) => r.outcome)).toEqual(['CREATED']);
}

/** Deviations reported now in the first unit: enough to move the year's published count past suppression. */
async function reportDeviations(staffToken: string, count: number): Promise<void> {
  const recipient = seed.recipients.find((r) => r.unitId === seed.unitIds[0]);
  for (let i = 0; i < count; i++) {
    const res = await gqlAt<{ reportDeviation: { clientId: string } }>(
      apps.primaryOnly.url,
      `mutation($input: DeviationReportInput!) { reportDeviation(input: $input) { clientId } }`,
      {
        input: {
          clientId: randomUUID(),
          kind: 'FALL',
          lexSarah: false,
          occurredAt: new Date(Date.now() - 60_000).toISOString(),
          description: 'Brukaren föll i hallen.',
          recipientId: recipient?.id,
        },
      },
      staffToken,
    );
    expect(res.errors).toBeUndefined();
  }
}

describe('statistics and dashboards on a streaming read replica', () => {
  it("answers from the replica with the primary's figures, as of now once it has caught up", async () => {
    const coordinator = await tokenFor(DEMO.coordinator);
    const reference = await dashboard(apps.primaryOnly, coordinator);
    expect(reference.readFreshness).toMatchObject({ source: 'PRIMARY', lagSeconds: 0, fellBack: false });
    expect(reference.indicators.length).toBeGreaterThan(0);
    const fromReplica = await eventually(
      () => dashboard(apps.patient, coordinator),
      (d) => d.readFreshness.source === 'REPLICA' && d.readFreshness.lagSeconds === 0,
    );
    expect(fromReplica.readFreshness).toMatchObject({ source: 'REPLICA', lagSeconds: 0, fellBack: false });
    expect(Date.now() - Date.parse(fromReplica.readFreshness.asOf)).toBeLessThan(5_000);
    expect(figures(fromReplica)).toEqual(figures(reference));
  });

  it('says as of when a paused replica is, or lets the primary answer when that is too long ago; and catches up after', { timeout: 90_000 }, async () => {
    const [coordinator, staff] = [await tokenFor(DEMO.coordinator), await tokenFor(DEMO.staff)];
    await eventually(
      () => dashboard(apps.patient, coordinator),
      (d) => d.readFreshness.lagSeconds === 0 && d.readFreshness.source === 'REPLICA',
    );
    const before = figures(await dashboard(apps.primaryOnly, coordinator));
    expect(cluster.replicaSql('SELECT pg_wal_replay_pause(); SELECT pg_is_wal_replay_paused()')).toMatch(/t$/);
    try {
      const writtenAt = Date.now();
      await submitRiskyReview(staff);
      await reportDeviations(staff, 5);
      const after = figures(await dashboard(apps.primaryOnly, coordinator));
      expect(after.indicators).not.toEqual(before.indicators);
      expect(after.qualityRecords).not.toEqual(before.qualityRecords);
      await new Promise((resolve) => setTimeout(resolve, 1_000));

      // An hour of lag allowed: the replica answers with the figures from before the review, and says so.
      const stale = await dashboard(apps.patient, coordinator);
      expect(stale.readFreshness.source).toBe('REPLICA');
      expect(Date.parse(stale.readFreshness.asOf)).toBeLessThan(writtenAt);
      expect(stale.readFreshness.lagSeconds).toBeGreaterThan(1);
      expect(figures(stale)).toEqual(before);

      // Half a second allowed: the primary answers, current, and the answer says it fell back.
      const fallback = await dashboard(apps.strict, coordinator);
      expect(fallback.readFreshness).toMatchObject({ source: 'PRIMARY', fellBack: true });
      expect(fallback.readFreshness.lagSeconds).toBeGreaterThan(0.5);
      expect(Date.parse(fallback.readFreshness.asOf)).toBeGreaterThan(writtenAt);
      expect(figures(fallback)).toEqual(after);
    } finally {
      cluster.replicaSql('SELECT pg_wal_replay_resume()');
    }
    const caughtUp = await eventually(
      () => dashboard(apps.strict, coordinator),
      (d) => d.readFreshness.source === 'REPLICA',
    );
    expect(caughtUp.readFreshness).toMatchObject({ source: 'REPLICA', lagSeconds: 0, fellBack: false });
    expect(figures(caughtUp)).toEqual(figures(await dashboard(apps.primaryOnly, coordinator)));
  });
});
