import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../app.js';
import { createLogger } from '../shared/logger.js';
import { WEBHOOK_QUEUE } from './job-queue.js';
import { DEMO, startTestServer, type TestServer } from '../../test/support/test-server.js';
import { registerPartner } from '../../test/support/partners.js';
import { newRecipient, submitReview } from '../../test/support/referrals.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../test/support/webhook-receiver.js';

/*
 * Partner webhooks (issue 10 §5): each referral reaches a subscribed endpoint exactly once, signed per
 * Standard Webhooks, through failed tries, a restart between tries, and the dead letter and redelivery;
 * nothing is sent for a write that rolled back.
 */

const REGISTER = `mutation($input: RegisterWebhookEndpointInput!) {
  registerWebhookEndpoint(input: $input) { secret endpoint { id partnerClientId url events removedAt } }
}`;
const DELIVERIES = `query($status: WebhookDeliveryStatus) {
  webhookDeliveries(status: $status, first: 200) { id eventType subject status attempts lastError deliveredAt }
}`;
const REDELIVER = `mutation($id: UUID!) { redeliverWebhook(id: $id) { id status attempts } }`;

interface DeliverySeen {
  id: string;
  eventType: string;
  subject: string;
  status: string;
  attempts: number;
  lastError: string | null;
}

let server: TestServer;
let admin: string;
let staff: string;
let norrUnit: string;
let areaA: string;
let receiver: WebhookReceiver;
let partnerClientId: string;
let app: RunningApp;

async function deliveries(status?: string): Promise<DeliverySeen[]> {
  const res = await server.gql<{ webhookDeliveries: DeliverySeen[] }>(DELIVERIES, status ? { status } : {}, admin);
  if (!res.data) throw new Error(JSON.stringify(res.errors));
  return res.data.webhookDeliveries;
}

/** A consented review with a reportable risk in area A: answers the referral's id. */
async function newReferral(): Promise<string> {
  const recipientId = await newRecipient(server, admin, norrUnit, areaA);
  const reviewId = await submitReview(server, staff, recipientId);
  const [row] = (await server.dataSource.query(`SELECT id FROM referral WHERE review_id = $1`, [reviewId])) as Array<{ id: string }>;
  if (!row) throw new Error('no referral was made');
  return row.id;
}

const acceptedFor = (referralId: string) => receiver.accepted('referral.created').filter((r) => r.body.data['referralId'] === referralId);

beforeAll(async () => {
  server = await startTestServer({ env: { WEBHOOK_RETRY_LIMIT: '3', WEBHOOK_RETRY_DELAY_SECONDS: '1', WEBHOOK_POLL_MS: '500' } });
  app = server.app;
  admin = await server.tokenFor(DEMO.admin);
  staff = await server.tokenFor(DEMO.staff);
  norrUnit = server.seed.unitIds[0] as string;
  areaA = server.seed.areaIds[0] as string;
  partnerClientId = (await registerPartner(server, admin, { areaIds: [areaA] })).clientId;
  receiver = await startWebhookReceiver();
  const res = await server.gql<{ registerWebhookEndpoint: { secret: string; endpoint: { id: string; events: string[] } } }>(
    REGISTER,
    { input: { partnerClientId, url: receiver.url, events: ['REFERRAL_CREATED', 'STATISTICS_PERIOD_CLOSED'] } },
    admin,
  );
  if (!res.data) throw new Error(JSON.stringify(res.errors));
  receiver.secret = res.data.registerWebhookEndpoint.secret;
});
afterAll(async () => {
  if (app !== server?.app) await app?.close();
  await receiver?.close();
  await server?.close();
});

describe('registering an endpoint', () => {
  it('answers a Standard Webhooks secret once, and lists the endpoint without it', async () => {
    expect(receiver.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    const res = await server.gql<{ webhookEndpoints: Array<Record<string, unknown>> }>(`{ webhookEndpoints { id url events partnerName } }`, {}, admin);
    expect(res.data?.webhookEndpoints).toEqual([expect.objectContaining({ url: receiver.url, events: ['REFERRAL_CREATED', 'STATISTICS_PERIOD_CLOSED'] })]);
    expect(JSON.stringify(res.data)).not.toContain('whsec_');
  });

  it.each([
    ['http://hooks.example.se/x', 'must use https'],
    ['not a url', 'Not an absolute'],
    ['https://user:pw@hooks.example.se/x', 'no user name'],
  ])('refuses %s with a typed error on the url field, storing nothing', async (url, message) => {
    const before = await server.dataSource.query(`SELECT count(*)::int AS n FROM webhook_endpoint`);
    const res = await server.gql(REGISTER, { input: { partnerClientId, url, events: ['REFERRAL_CREATED'] } }, admin);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'url' });
    expect(res.errors?.[0]?.message).toContain(message);
    expect(await server.dataSource.query(`SELECT count(*)::int AS n FROM webhook_endpoint`)).toEqual(before);
  });

  it("refuses another municipality's or an unknown partner client as NOT_FOUND", async () => {
    const res = await server.gql(REGISTER, { input: { partnerClientId: randomUUID(), url: receiver.url, events: ['REFERRAL_CREATED'] } }, admin);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'partnerClientId' });
  });

  it('is for admins only', async () => {
    const res = await server.gql(REGISTER, { input: { partnerClientId, url: receiver.url, events: ['REFERRAL_CREATED'] } }, staff);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await server.gql(DELIVERIES, {}, staff)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('a referral created', () => {
  it('reaches the endpoint exactly once, signed, after the endpoint refused the first two tries', async () => {
    receiver.failNext(2);
    const referralId = await newReferral();
    await receiver.waitFor(() => acceptedFor(referralId).length > 0);
    await new Promise((resolve) => setTimeout(resolve, 1500));

    const tries = receiver.received.filter((r) => r.body.data['referralId'] === referralId);
    expect(tries.map((t) => t.accepted)).toEqual([false, false, true]);
    expect(tries.every((t) => t.verified && t.verifiedByDocs)).toBe(true);
    expect(new Set(tries.map((t) => t.id)).size).toBe(1);
    expect(acceptedFor(referralId)).toHaveLength(1);
    // The referral's id, area and time: nothing about the person (the partner reads the rest by API).
    expect(tries[0]?.body).toEqual({
      type: 'referral.created',
      timestamp: expect.any(String),
      data: { referralId, area: { code: expect.any(String), name: expect.any(String) }, createdAt: expect.stringMatching(/Z$/) },
    });
    const [delivery] = (await deliveries()).filter((d) => d.subject === referralId);
    expect(delivery).toMatchObject({ eventType: 'REFERRAL_CREATED', status: 'DELIVERED', attempts: 3, lastError: null });
  }, 40_000);

  it('audits what the partner was shown, as a partner read of the referral', async () => {
    const referralId = await newReferral();
    await receiver.waitFor(() => acceptedFor(referralId).length > 0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const rows = await server.dataSource.query(
      `SELECT action, actor_id, actor_role, details->>'operation' AS operation FROM audit_event WHERE entity_type = 'referral' AND entity_id = $1 AND actor_role = 'partner'`,
      [referralId],
    );
    expect(rows).toEqual([{ action: 'read', actor_id: partnerClientId, actor_role: 'partner', operation: 'webhook' }]);
  }, 30_000);

  it('is not sent again when its job runs once more after the delivery was recorded (an instance killed before pg-boss completed the job)', async () => {
    const referralId = await newReferral();
    await receiver.waitFor(() => acceptedFor(referralId).length > 0);
    const [delivery] = (await deliveries('DELIVERED')).filter((d) => d.subject === referralId);
    // What pg-boss does with the killed instance's job once it expires: it is fetched and tried again.
    await app.services.jobQueue.send(WEBHOOK_QUEUE, { deliveryId: delivery?.id });
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(acceptedFor(referralId)).toHaveLength(1);
    expect(receiver.received.filter((r) => r.body.data['referralId'] === referralId)).toHaveLength(1);
    const open = await server.dataSource.query(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1 AND data->>'deliveryId' = $2 AND state IN ('created', 'retry', 'active')`,
      [WEBHOOK_QUEUE, delivery?.id],
    );
    expect(open).toEqual([{ n: 0 }]);
  }, 30_000);

  it('is delivered exactly once when the API stops between tries and a new instance starts on the same database', async () => {
    receiver.failNext(1);
    const referralId = await newReferral();
    await receiver.waitFor(() => receiver.received.some((r) => r.body.data['referralId'] === referralId));
    await app.close();
    // The retry falls due while no worker runs: the job waits in the database.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(acceptedFor(referralId)).toHaveLength(0);
    // On the same port, so the test's client (and the receiver's partner) find it where it was.
    app = await startApp({ config: { ...server.config, port: Number(new URL(server.url).port) }, dataSource: server.dataSource, log: createLogger('silent') });
    await receiver.waitFor(() => acceptedFor(referralId).length > 0);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(acceptedFor(referralId)).toHaveLength(1);
    expect(receiver.received.filter((r) => r.body.data['referralId'] === referralId).every((r) => r.verified)).toBe(true);
  }, 40_000);

  it('goes to the dead letter after its last try, and an admin redelivery sends it again with the same id', async () => {
    receiver.failAlways(true);
    const referralId = await newReferral();
    const dead = async () => (await deliveries('DEAD')).find((d) => d.subject === referralId);
    const started = Date.now();
    while (!(await dead()) && Date.now() - started < 40_000) await new Promise((resolve) => setTimeout(resolve, 300));
    const delivery = await dead();
    expect(delivery).toMatchObject({ status: 'DEAD', attempts: 4, lastError: 'HTTP 503' });
    const jobs = await server.dataSource.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'webhook-dead-letter' AND data->>'deliveryId' = $1`, [
      delivery?.id,
    ]);
    expect(jobs).toEqual([{ n: 1 }]);

    receiver.failAlways(false);
    const res = await server.gql<{ redeliverWebhook: DeliverySeen }>(REDELIVER, { id: delivery?.id }, admin);
    expect(res.data?.redeliverWebhook).toMatchObject({ status: 'PENDING', attempts: 4 });
    await receiver.waitFor(() => acceptedFor(referralId).length > 0);
    expect(acceptedFor(referralId).map((r) => r.id)).toEqual([delivery?.id]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await deliveries()).find((d) => d.id === delivery?.id)).toMatchObject({ status: 'DELIVERED', attempts: 5 });
  }, 70_000);

  it('refuses to redeliver a delivery that is still queued, and an unknown one', async () => {
    const [row] = (await server.dataSource.query(
      `INSERT INTO webhook_delivery (id, endpoint_id, event_type, subject, payload, status)
       SELECT gen_random_uuid(), id, 'statistics.period_closed', '1999-01', '{}', 'failed' FROM webhook_endpoint LIMIT 1 RETURNING id`,
    )) as Array<{ id: string }>;
    expect((await server.gql(REDELIVER, { id: row?.id }, admin)).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT' });
    expect((await server.gql(REDELIVER, { id: randomUUID() }, admin)).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('a write that rolls back', () => {
  it('sends nothing: the delivery and its job were in the same transaction', async () => {
    const recipientId = await newRecipient(server, admin, norrUnit, areaA);
    const reviewId = await submitReview(server, staff, recipientId, { consentToShareWithFireService: false });
    const before = receiver.received.length;
    await expect(
      server.dataSource.transaction(async (m) => {
        await m.query(
          `INSERT INTO referral (id, review_id, municipality_id, area_id, address, housing_type, risks)
           SELECT gen_random_uuid(), r.id, a.municipality_id, r.area_id, 'Brandgatan 3', 'rented_flat', '[]' FROM review r JOIN area a ON a.id = r.area_id WHERE r.id = $1`,
          [reviewId],
        );
        await app.services.webhooks.queueReferralDeliveries(m, [reviewId]);
        const queued = await m.query(`SELECT count(*)::int AS n FROM webhook_delivery d JOIN referral rf ON rf.id::text = d.subject WHERE rf.review_id = $1`, [
          reviewId,
        ]);
        expect(queued).toEqual([{ n: 1 }]);
        throw new Error('the write fails after the referral');
      }),
    ).rejects.toThrow('the write fails');
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(receiver.received.length).toBe(before);
    expect(await server.dataSource.query(`SELECT count(*)::int AS n FROM referral WHERE review_id = $1`, [reviewId])).toEqual([{ n: 0 }]);
  }, 20_000);
});

describe('a statistics period closing', () => {
  it('is sent once per period and endpoint, however often the check runs', async () => {
    const now = new Date(Date.now() + 40 * 86_400_000);
    expect(await app.services.webhooks.queuePeriodClosed(now)).toBe(1);
    expect(await app.services.webhooks.queuePeriodClosed(now)).toBe(0);
    const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
    const ofMonth = () => receiver.accepted('statistics.period_closed').filter((r) => r.body.data['period'] === month);
    await receiver.waitFor(() => ofMonth().length > 0);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(ofMonth()).toHaveLength(1);
    const [event] = ofMonth();
    expect(event?.body.data).toMatchObject({ period: month, from: `${month}-01` });
    expect(event?.verified).toBe(true);
  }, 20_000);
});
