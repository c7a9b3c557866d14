import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../app.js';
import { createLogger } from '../shared/logger.js';
import { DEMO, startTestServer, type TestServer } from '../../test/support/test-server.js';
import { auditRowsOf, basic, PARTNER_SELF_ID, partnerRequest, partnerToken, registerPartner, tokenRequest } from '../../test/support/partners.js';

/*
 * Per-client rate limits: 429 with Retry-After, counted in memory without REDIS_URL and in Redis with it,
 * where two API instances share one budget. Redis runs on this machine at 127.0.0.1:6379 (REDIS_URL
 * overrides); the test fails, not skips, when it is not there.
 */

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const LIMITS = { PARTNER_RATE_LIMIT_POINTS: '3', PARTNER_RATE_LIMIT_WINDOW_SECONDS: '120', PARTNER_TOKEN_RATE_LIMIT_POINTS: '2' };

const servers: TestServer[] = [];
const extraApps: RunningApp[] = [];
afterAll(async () => {
  for (const app of extraApps) await app.close();
  for (const server of servers) await server.close();
});

async function serverWith(env: Record<string, string>): Promise<TestServer> {
  const server = await startTestServer({ env });
  servers.push(server);
  return server;
}

const self = (url: string, token: string) => partnerRequest(url, token, { documentId: PARTNER_SELF_ID });

describe('per-client rate limits in memory (no REDIS_URL)', () => {
  it('answer 429 with Retry-After once the budget is spent, per client, and audit the refusal', { timeout: 180_000 }, async () => {
    const server = await serverWith(LIMITS);
    expect(server.app.rateLimitStore).toBe('memory');
    const admin = await server.tokenFor(DEMO.admin);
    const client = await registerPartner(server, admin);
    const other = await registerPartner(server, admin);
    const token = await partnerToken(server.url, client);

    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await self(server.url, token)).status);
    expect(statuses).toEqual([200, 200, 200]);
    const limited = await self(server.url, token);
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(120);
    expect(limited.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: retryAfter });
    expect((await auditRowsOf(server, client.clientId)).at(-1)?.details).toMatchObject({ outcome: 'rate_limited' });

    // Another client has its own budget.
    expect((await self(server.url, await partnerToken(server.url, other))).status).toBe(200);
  });

  it('limit token requests per client and address too', { timeout: 180_000 }, async () => {
    const server = await serverWith(LIMITS);
    const client = await registerPartner(server, await server.tokenFor(DEMO.admin));
    const auth = basic(client.clientId, client.clientSecret);
    expect((await tokenRequest(server.url, auth)).status).toBe(200);
    expect((await tokenRequest(server.url, auth)).status).toBe(200);
    const limited = await tokenRequest(server.url, auth);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited.body['error']).toBe('too_many_requests');
  });
});

describe('per-client rate limits in Redis (REDIS_URL)', () => {
  it('hold across two API instances that share the Redis', { timeout: 180_000 }, async () => {
    const server = await serverWith({ ...LIMITS, REDIS_URL });
    expect(server.app.rateLimitStore).toBe('redis');
    // A second instance of the API on the same database and Redis, as behind a load balancer.
    const second = await startApp({ config: server.config, dataSource: server.dataSource, log: createLogger('silent') });
    extraApps.push(second);
    const client = await registerPartner(server, await server.tokenFor(DEMO.admin));
    const token = await partnerToken(server.url, client);

    expect((await self(server.url, token)).status).toBe(200);
    expect((await self(second.url, token)).status).toBe(200);
    expect((await self(server.url, token)).status).toBe(200);
    // The budget of 3 is spent across both: each instance alone has seen fewer than 3.
    const limited = await self(second.url, token);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await self(server.url, token)).status).toBe(429);
  });

  it('keeps the counters in Redis, under the client id', { timeout: 180_000 }, async () => {
    const { Redis } = await import('ioredis');
    const server = await serverWith({ ...LIMITS, REDIS_URL });
    const client = await registerPartner(server, await server.tokenFor(DEMO.admin));
    await self(server.url, await partnerToken(server.url, client));
    const redis = new Redis(REDIS_URL);
    try {
      const keys = await redis.keys(`hjulet:rl:partner-gql:${client.clientId}`);
      expect(keys).toEqual([`hjulet:rl:partner-gql:${client.clientId}`]);
      expect(Number(await redis.get(keys[0] ?? randomUUID()))).toBe(1);
    } finally {
      await redis.quit();
    }
  });
});
