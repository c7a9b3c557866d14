import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../app.js';
import { DEMO_PASSWORD } from '../seed/demo-seed.js';
import { openDataSource } from '../shared/data-source.js';
import { externalDatabase } from '../shared/database.js';
import { createLogger } from '../shared/logger.js';
import { DEMO, startTestServer, type GraphQLResponse, type TestServer } from '../../test/support/test-server.js';
import { PARTNER_SELF_ID, partnerRequest, partnerToken, registerPartner } from '../../test/support/partners.js';
import { startRoundRobinBalancer, type Balancer } from '../../test/support/round-robin-balancer.js';

/*
 * Two API instances behind a round-robin load balancer, on one database and one Redis (docs/scaling.md,
 * "What a second instance would miss"). Nothing a request needs may live only in one instance's memory:
 * sessions are rows, rate limits and login throttles are Redis counters, the audit chainer takes a
 * transaction-level advisory lock. On PostgreSQL the second instance has its own connection pool, as a
 * second process would; on embedded PGlite (one connection) the two share the pool.
 */

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379/4';
const PREFIX = `two-instances-${randomUUID().slice(0, 8)}`;
const LOGIN = `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken refreshToken } }`;

let server: TestServer;
let secondData: DataSource | null = null;
let second: RunningApp;
let balancer: Balancer;

beforeAll(async () => {
  server = await startTestServer({
    env: {
      REDIS_URL,
      RATE_LIMIT_KEY_PREFIX: PREFIX,
      PARTNER_RATE_LIMIT_POINTS: '4',
      PARTNER_RATE_LIMIT_WINDOW_SECONDS: '120',
      LOGIN_ACCOUNT_MAX_ATTEMPTS: '6',
      AUDIT_CHAIN_INTERVAL_MS: '25',
      TRUST_PROXY: 'loopback',
    },
  });
  const url = (server.dataSource.options as { url?: string }).url;
  if (server.kind === 'postgres' && url) secondData = await openDataSource(externalDatabase(url));
  // The same configuration (JWT secret included), as two processes started from one environment get.
  second = await startApp({ config: server.config, dataSource: secondData ?? server.dataSource, log: createLogger('silent') });
  balancer = await startRoundRobinBalancer([server.url, second.url]);
}, 180_000);

afterAll(async () => {
  await balancer?.close();
  await second?.close();
  await secondData?.destroy();
  await server?.close();
  const redis = new Redis(REDIS_URL);
  const left = await redis.keys(`${PREFIX}:*`);
  if (left.length > 0) await redis.del(...left);
  redis.disconnect();
});

async function gqlAt<T>(url: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<GraphQLResponse<T>> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as Omit<GraphQLResponse<T>, 'status'>) };
}

const codeOf = (res: GraphQLResponse) => res.errors?.[0]?.extensions?.code ?? 'ok';
const me = async (url: string, token: string) => {
  const res = await gqlAt<{ me: { email: string } }>(url, `{ me { email } }`, {}, token);
  return res.data?.me.email ?? codeOf(res);
};

describe('two API instances behind a round-robin balancer', () => {
  it('spreads requests over both, and both count in Redis', async () => {
    const before = [...balancer.counts];
    for (let i = 0; i < 4; i++) expect((await fetch(`${balancer.url}/healthz`)).status).toBe(200);
    expect(balancer.counts.map((n, i) => n - (before[i] ?? 0))).toEqual([2, 2]);
    expect([server.app.rateLimitStore, second.rateLimitStore]).toEqual(['redis', 'redis']);
  });

  it('honours a session made on one instance on the other, and a logout on one ends it on both', async () => {
    const made = await gqlAt<{ login: { accessToken: string; refreshToken: string } }>(server.url, LOGIN, { e: DEMO.staff2, p: DEMO_PASSWORD });
    const session = made.data?.login;
    if (!session) throw new Error(JSON.stringify(made.errors));
    expect([await me(server.url, session.accessToken), await me(second.url, session.accessToken)]).toEqual([DEMO.staff2, DEMO.staff2]);
    // Through the balancer: four requests, two on each instance, all signed in.
    const viaBalancer = await Promise.all(Array.from({ length: 4 }, () => me(balancer.url, session.accessToken)));
    expect(viaBalancer).toEqual([DEMO.staff2, DEMO.staff2, DEMO.staff2, DEMO.staff2]);

    expect(codeOf(await gqlAt(server.url, `mutation($t: String!) { logout(refreshToken: $t) }`, { t: session.refreshToken }))).toBe('ok');
    expect([await me(server.url, session.accessToken), await me(second.url, session.accessToken)]).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED']);
  });

  it('counts login guesses once across both instances', { timeout: 60_000 }, async () => {
    const guesses = [];
    for (let i = 0; i < 10; i++) guesses.push(codeOf(await gqlAt(balancer.url, LOGIN, { e: DEMO.coordinator, p: `fel-${i}` })));
    // Six checks in all (LOGIN_ACCOUNT_MAX_ATTEMPTS), not six on each instance: twelve would all be UNAUTHENTICATED.
    expect(guesses.filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(6);
    expect(guesses.slice(6)).toEqual(['TOO_MANY_ATTEMPTS', 'TOO_MANY_ATTEMPTS', 'TOO_MANY_ATTEMPTS', 'TOO_MANY_ATTEMPTS']);
    for (const url of [server.url, second.url]) expect(codeOf(await gqlAt(url, LOGIN, { e: DEMO.coordinator, p: DEMO_PASSWORD }))).toBe('TOO_MANY_ATTEMPTS');
  });

  it("spends a partner's request budget once across both instances", async () => {
    const client = await registerPartner(server, await server.tokenFor(DEMO.admin));
    const token = await partnerToken(balancer.url, client);
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await partnerRequest(balancer.url, token, { documentId: PARTNER_SELF_ID })).status);
    // A budget of 4 in memory per instance would have let all six through (three on each).
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
  });

  it('runs the periodic audit chainer once: both instances chain, the chain has no gap and no double place', { timeout: 60_000 }, async () => {
    // Audited work on both instances (each login writes an audit row) while both chainers run every 25 ms.
    await Promise.all(Array.from({ length: 20 }, () => gqlAt(balancer.url, LOGIN, { e: DEMO.manager, p: DEMO_PASSWORD })));
    const deadline = Date.now() + 20_000;
    let unchained = -1;
    while (Date.now() < deadline) {
      const [row] = (await server.dataSource.query(`SELECT count(*)::int AS n FROM audit_event WHERE chain_seq IS NULL`)) as Array<{ n: number }>;
      unchained = row?.n ?? -1;
      if (unchained === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(unchained).toBe(0);
    const [places] = (await server.dataSource.query(
      `SELECT count(*)::int AS rows, count(DISTINCT chain_seq)::int AS places, max(chain_seq)::int AS last FROM audit_event`,
    )) as Array<{ rows: number; places: number; last: number }>;
    expect(places?.places).toBe(places?.rows);
    expect(places?.last).toBe(places?.rows);
    const report = await second.services.audit.verifyChain();
    expect(report).toMatchObject({ ok: true, problems: [] });
  });
});
