import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createThrowawayDatabase, startEmbeddedDatabase, type DatabaseHandle } from '@hjulet/api/shared/database.js';
import { reviewInput } from '@hjulet/api/test-support/factories.js';
import { startWebhookReceiver, type Received, type WebhookReceiver } from '@hjulet/api/test-support/webhook-receiver.js';
import { Api, DEMO } from '../e2e/support/api.js';
import { inheritedEnv, startApiProcess, type ApiProcess } from '../support/api-process.js';

/*
 * Issue 10, "Done when": a receiver sees each referral exactly once, with a valid signature, after its
 * endpoint failed the first tries, and also after the API was restarted mid-retry. Here the API is a real
 * OS process: it is SIGKILLed (no draining, nothing it holds in memory survives) while every delivery
 * waits for its next try, and a new process is started on the same data. The receiver counts every
 * request it answered 2xx, and dedupes nothing.
 */

const REFERRALS = 5;
/** Each delivery's first tries are refused: the first before the kill, the next after the restart. */
const REFUSED_TRIES = 3;

/**
 * Retries after 3–6 s, 6–12 s, 12–24 s (pg-boss's jittered exponential back-off on a 3 s delay): the kill
 * comes right after every first try was recorded, so no try can be under way, let alone accepted, then.
 */
const API_SETTINGS = {
  WEBHOOK_RETRY_LIMIT: '6',
  WEBHOOK_RETRY_DELAY_SECONDS: '3',
  WEBHOOK_POLL_MS: '500',
  // Tokens of the first process still work in the second.
  JWT_SECRET: 'webhook-restart-test-secret-0123456789abcdef',
  LOG_LEVEL: 'info',
};

interface Target {
  name: string;
  /** Where the data lives, for both processes; `inspect` opens it (with no API running, for PGlite). */
  env(): Promise<Record<string, string>>;
  inspect<T>(query: string): Promise<T[]>;
  close(): Promise<void>;
}

function embedded(): Target {
  let scratch: string | undefined;
  return {
    name: 'embedded PGlite (a data directory)',
    async env() {
      scratch = await mkdtemp(path.join(os.tmpdir(), 'hjulet-webhook-restart-'));
      return { DATA_DIR: scratch };
    },
    async inspect<T>(query: string) {
      const db = await startEmbeddedDatabase({ dataDir: path.join(scratch as string, 'pglite') });
      try {
        return await rows<T>(db.url, query);
      } finally {
        await db.close();
      }
    },
    async close() {
      if (scratch) await rm(scratch, { recursive: true, force: true });
    },
  };
}

function postgres(serverUrl: string): Target {
  let db: DatabaseHandle | undefined;
  return {
    name: 'PostgreSQL (DATABASE_URL)',
    async env() {
      db = await createThrowawayDatabase(serverUrl);
      return { DATABASE_URL: db.url };
    },
    inspect: <T>(query: string) => rows<T>((db as DatabaseHandle).url, query),
    async close() {
      await db?.close();
    },
  };
}

async function rows<T>(url: string, query: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(query)).rows as T[];
  } finally {
    await client.end();
  }
}

const databaseUrl = process.env['DATABASE_URL'];
const targets: Target[] = [embedded(), ...(databaseUrl ? [postgres(databaseUrl)] : [])];

async function waitFor(what: string, predicate: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const started = Date.now();
  while (!(await predicate())) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.each(targets)('webhook deliveries across a SIGKILL of the API, on $name', (target) => {
  let receiver: WebhookReceiver;
  let dataEnv: Record<string, string>;
  let api: ApiProcess | undefined;

  const start = () => {
    const env: NodeJS.ProcessEnv = { ...inheritedEnv(), NODE_ENV: 'development', PORT: '0', SEED_DEMO: 'auto', ...API_SETTINGS, ...dataEnv };
    // The embedded start needs nothing: no DATABASE_URL unless this target set it, rate limits in memory.
    if (!dataEnv['DATABASE_URL']) delete env['DATABASE_URL'];
    delete env['REDIS_URL'];
    return startApiProcess({ env, readyTimeoutMs: 180_000, stopGraceMs: 12_000 });
  };

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    receiver.failFirstTriesOfEach(REFUSED_TRIES);
    dataEnv = await target.env();
  });
  afterAll(async () => {
    await api?.stop();
    await receiver?.close();
    await target.close();
  });

  it('delivers every referral exactly once, signed, after refused tries before and after the kill', async () => {
    api = await start();
    const first = new Api(api.url);
    const admin = await first.as(DEMO.admin);
    const staff = await first.as(DEMO.staff);
    const { organisation, templates } = await first.request<{
      organisation: { areas: Array<{ id: string }> };
      templates: Array<{ key: string; latestPublished: { id: string } | null }>;
    }>('{ organisation { areas { id } } templates { key latestPublished { id } } }', {}, admin.token);
    const areaId = organisation.areas[0]?.id as string;
    const versionId = templates.find((t) => t.key === 'sakerhet-hjalpbehov')?.latestPublished?.id as string;

    const { registerPartnerClient } = await first.request<{ registerPartnerClient: { client: { id: string } } }>(
      'mutation($input: RegisterPartnerClientInput!) { registerPartnerClient(input: $input) { client { id } } }',
      { input: { name: 'Räddningstjänsten (restart test)', organisationNumber: '222000-1230', areaIds: [areaId], scopes: ['REFERRALS_READ'] } },
      admin.token,
    );
    const { registerWebhookEndpoint } = await first.request<{ registerWebhookEndpoint: { secret: string } }>(
      'mutation($input: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $input) { secret } }',
      { input: { partnerClientId: registerPartnerClient.client.id, url: receiver.url, events: ['REFERRAL_CREATED'] } },
      admin.token,
    );
    const secret = registerWebhookEndpoint.secret;
    receiver.secret = secret;

    // Several consented reviews with a reportable risk (no smoke alarm), one batch as a phone sends it.
    const reviews = [];
    for (let i = 0; i < REFERRALS; i++) {
      const { createCareRecipient } = await first.request<{ createCareRecipient: { id: string } }>(
        'mutation($input: CreateCareRecipientInput!) { createCareRecipient(input: $input) { id } }',
        {
          input: { reference: `WH-${randomUUID().slice(0, 8)}`, unitId: staff.unitId, areaId, housingType: 'RENTED_FLAT', address: `Brandgatan ${i + 1}` },
        },
        admin.token,
      );
      reviews.push(reviewInput(createCareRecipient.id, versionId));
    }
    const { submitReviews } = await first.request<{ submitReviews: Array<{ outcome: string }> }>(
      'mutation($input: [ReviewInput!]!) { submitReviews(input: $input) { outcome } }',
      { input: reviews },
      staff.token,
    );
    expect(submitReviews.map((r) => r.outcome)).toEqual(Array(REFERRALS).fill('CREATED'));

    // Every delivery's first try refused, and recorded as failed by the API: now each waits for its retry.
    const deliveries = async () =>
      (
        await first.request<{ webhookDeliveries: Array<{ id: string; subject: string; status: string; attempts: number }> }>(
          '{ webhookDeliveries(first: 200) { id subject status attempts } }',
          {},
          admin.token,
        )
      ).webhookDeliveries;
    await waitFor('a refused first try of every delivery', () => new Set(receiver.received.map((r) => r.id)).size === REFERRALS, 60_000);
    await waitFor('every first try recorded', async () => (await deliveries()).filter((d) => d.status === 'FAILED').length === REFERRALS, 10_000);
    const before = await deliveries();
    // The worker fails each job in pg-boss just after recording the try: let it, then check that no retry began.
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(receiver.received).toHaveLength(REFERRALS);
    expect(receiver.accepted()).toHaveLength(0);

    await api.kill();
    expect(api.child.signalCode).toBe('SIGKILL');
    const triesBeforeKill = receiver.received.length;
    // Each retry falls due while no API runs.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    expect(receiver.received.length).toBe(triesBeforeKill);

    api = await start();
    const second = new Api(api.url);
    await waitFor(
      'every delivery accepted after the restart',
      () => new Set(receiver.accepted().map((r) => r.id)).size === REFERRALS,
      // Two more refused tries, then the accepted one: well within a minute of the restart.
      120_000,
    );
    // Time for a duplicate to show: a retry would be due at most 24 s after a failure.
    await new Promise((resolve) => setTimeout(resolve, 25_000));

    const deliveryIds = before.map((d) => d.id).sort();
    const acceptedById = new Map<string, Received[]>();
    for (const r of receiver.accepted()) acceptedById.set(r.id, [...(acceptedById.get(r.id) ?? []), r]);
    // Exactly once: one 2xx receipt per delivery, and none for anything else.
    expect([...acceptedById.keys()].sort()).toEqual(deliveryIds);
    expect([...acceptedById.values()].map((list) => list.length)).toEqual(Array(REFERRALS).fill(1));
    // Each one refused REFUSED_TRIES times, the first before the kill, then accepted.
    for (const id of deliveryIds) expect(receiver.received.filter((r) => r.id === id).map((r) => r.accepted)).toEqual([false, false, false, true]);
    // Every request signed: checked here again with standardwebhooks, on the headers and body as received.
    expect(receiver.received.every((r) => r.verified)).toBe(true);
    const verifier = new Webhook(secret);
    for (const r of receiver.accepted()) expect(() => verifier.verify(r.raw, r.headers)).not.toThrow();
    // Nothing lost: one delivery per referral made, each a referral of these reviews.
    const referralIds = new Set(receiver.accepted().map((r) => r.body.data['referralId'] as string));
    expect(referralIds.size).toBe(REFERRALS);
    expect(new Set(before.map((d) => d.subject))).toEqual(referralIds);

    const adminAgain = await second.as(DEMO.admin);
    const after = await second.request<{ webhookDeliveries: Array<{ id: string; status: string; attempts: number }> }>(
      '{ webhookDeliveries(first: 200) { id status attempts } }',
      {},
      adminAgain.token,
    );
    expect(after.webhookDeliveries.map((d) => [d.status, d.attempts])).toEqual(Array(REFERRALS).fill(['DELIVERED', REFUSED_TRIES + 1]));

    // The database agrees, read with no API running: one referral per review, no job left to send anything again.
    await api.stop();
    const referralsMade = await target.inspect<{ n: number }>(
      `SELECT count(*)::int AS n FROM referral WHERE id::text IN (${[...referralIds].map((id) => `'${id}'`).join(',')})`,
    );
    expect(referralsMade).toEqual([{ n: REFERRALS }]);
    const jobsLeft = await target.inspect<{ n: number }>(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'webhook-delivery' AND state IN ('created', 'retry', 'active')`,
    );
    expect(jobsLeft).toEqual([{ n: 0 }]);
  }, 420_000);
});
