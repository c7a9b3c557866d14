import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../app.js';
import { DEMO_PASSWORD } from '../seed/demo-seed.js';
import { createLogger } from '../shared/logger.js';
import { DEMO, startTestServer, type GraphQLResponse, type TestServer } from '../../test/support/test-server.js';

/*
 * Password guessing is limited per account and per address, with a lockout an admin can lift; counted in
 * memory without REDIS_URL and in Redis with it, where two API instances share the count. Redis runs on
 * this machine (REDIS_URL overrides; database 3, a key prefix of this run's own); the test fails, not
 * skips, when it is not there.
 */

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379/3';
const LOGIN = `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken user { id } } }`;
const LIFT = `mutation($id: UUID!) { liftLoginLockout(userId: $id) }`;

interface LoginAnswer {
  login: { accessToken: string; user: { id: string } };
}
type Answer = GraphQLResponse<LoginAnswer> & { extensions?: Record<string, unknown> };

const servers: TestServer[] = [];
const extraApps: RunningApp[] = [];
afterAll(async () => {
  for (const app of extraApps) await app.close();
  for (const server of servers) await server.close();
});

async function serverWith(env: Record<string, string> = {}): Promise<TestServer> {
  const server = await startTestServer({ env });
  servers.push(server);
  return server;
}

/** A login at `url`, from `address` when the server trusts the proxy header. */
async function login(url: string, email: string, password: string, address?: string): Promise<Answer> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(address ? { 'x-forwarded-for': address } : {}) },
    body: JSON.stringify({ query: LOGIN, variables: { e: email, p: password } }),
  });
  return { status: response.status, ...((await response.json()) as Omit<Answer, 'status'>) };
}

const codeOf = (res: Answer) => res.errors?.[0]?.extensions?.code ?? 'ok';
const retryAfterOf = (res: Answer) => (res.errors?.[0]?.extensions as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
const count = (answers: Answer[]) => answers.reduce<Record<string, number>>((acc, a) => ({ ...acc, [codeOf(a)]: (acc[codeOf(a)] ?? 0) + 1 }), {});

async function userId(server: TestServer, email: string): Promise<string> {
  const rows: Array<{ id: string }> = await server.dataSource.query(`SELECT id FROM app_user WHERE email = $1`, [email]);
  return rows[0]?.id as string;
}

describe('login guessing, counted in memory (no REDIS_URL)', () => {
  it(
    'answers 50 wrong passwords sent at once with at most 10 checks, then refuses even the right password, with when to retry',
    { timeout: 180_000 },
    async () => {
      const server = await serverWith();
      expect(server.app.rateLimitStore).toBe('memory');
      const guesses = await Promise.all(Array.from({ length: 50 }, (_, i) => login(server.url, DEMO.staff, `guess-${i}`)));
      expect(count(guesses)).toEqual({ UNAUTHENTICATED: 10, TOO_MANY_ATTEMPTS: 40 });

      const right = await login(server.url, DEMO.staff, DEMO_PASSWORD);
      expect(right.data ?? null).toBeNull();
      expect(codeOf(right)).toBe('TOO_MANY_ATTEMPTS');
      expect(retryAfterOf(right)).toBeGreaterThan(800); // the 15-minute lockout, not the rest of a window
      expect(retryAfterOf(right)).toBeLessThanOrEqual(900);
      expect(right.errors?.[0]?.message).toMatch(/Too many login attempts/);

      // Only the checked guesses are in the audit log, the last one marked as the lockout.
      const audited: Array<{ details: { lockedOut?: boolean } | null }> = await server.dataSource.query(
        `SELECT details FROM audit_event WHERE action = 'login_failed' AND entity_id = $1 ORDER BY id`,
        [await userId(server, DEMO.staff)],
      );
      expect(audited).toHaveLength(10);
      expect(audited.filter((a) => a.details?.lockedOut)).toHaveLength(1);

      // Per account: a colleague on the same address logs in as usual.
      expect(codeOf(await login(server.url, DEMO.staff2, DEMO_PASSWORD))).toBe('ok');
    },
  );

  it('locks an unknown email out the same way, so a lockout tells nothing about who has an account', { timeout: 180_000 }, async () => {
    const server = await serverWith({ LOGIN_ACCOUNT_MAX_ATTEMPTS: '3' });
    const known = [];
    const unknown = [];
    for (let i = 0; i < 4; i++) known.push(codeOf(await login(server.url, DEMO.manager, 'wrong-password')));
    for (let i = 0; i < 4; i++) unknown.push(codeOf(await login(server.url, 'ingen.alls@demo.hjulet.se', 'wrong-password')));
    expect(known).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'TOO_MANY_ATTEMPTS']);
    expect(unknown).toEqual(known);
  });

  it('lets a success start the count again, so a user who mistypes now and then is never locked out', { timeout: 180_000 }, async () => {
    const server = await serverWith({ LOGIN_ACCOUNT_MAX_ATTEMPTS: '3' });
    const seen = [];
    for (let round = 0; round < 3; round++) {
      seen.push(codeOf(await login(server.url, DEMO.coordinator, 'typo')), codeOf(await login(server.url, DEMO.coordinator, 'typo')));
      seen.push(codeOf(await login(server.url, DEMO.coordinator, DEMO_PASSWORD)));
    }
    expect(seen).toEqual(Array.from({ length: 3 }, () => ['UNAUTHENTICATED', 'UNAUTHENTICATED', 'ok']).flat());
  });

  it('limits failures per address across accounts (behind a trusted proxy, the address it names)', { timeout: 180_000 }, async () => {
    const server = await serverWith({ TRUST_PROXY: 'loopback', LOGIN_ADDRESS_MAX_FAILURES: '4' });
    const sprayer = '203.0.113.7';
    const spray = [];
    for (const email of [DEMO.staff, DEMO.staff2, DEMO.manager, DEMO.coordinator]) spray.push(codeOf(await login(server.url, email, 'Sommar2026!', sprayer)));
    expect(spray).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED']);
    // The address is locked out, whichever account it tries, even with the right password.
    const fromSprayer = await login(server.url, DEMO.admin, DEMO_PASSWORD, sprayer);
    expect(codeOf(fromSprayer)).toBe('TOO_MANY_ATTEMPTS');
    expect(retryAfterOf(fromSprayer)).toBeGreaterThan(0);
    // The accounts themselves are not: from another address each logs in.
    expect(codeOf(await login(server.url, DEMO.staff, DEMO_PASSWORD, '198.51.100.20'))).toBe('ok');
    expect(codeOf(await login(server.url, DEMO.admin, DEMO_PASSWORD, '198.51.100.20'))).toBe('ok');
  });

  it('lets an admin of the municipality lift a lockout, audited; nobody else may', { timeout: 180_000 }, async () => {
    const server = await serverWith({ LOGIN_ACCOUNT_MAX_ATTEMPTS: '2' });
    const admin = await server.tokenFor(DEMO.admin);
    const manager = await server.tokenFor(DEMO.manager);
    for (let i = 0; i < 3; i++) await login(server.url, DEMO.staff, 'wrong-password');
    expect(codeOf(await login(server.url, DEMO.staff, DEMO_PASSWORD))).toBe('TOO_MANY_ATTEMPTS');
    const staffId = await userId(server, DEMO.staff);

    const byManager = await server.gql(LIFT, { id: staffId }, manager);
    expect(byManager.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const unknownUser = await server.gql(LIFT, { id: randomUUID() }, admin);
    expect(unknownUser.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'userId' });
    expect(codeOf(await login(server.url, DEMO.staff, DEMO_PASSWORD))).toBe('TOO_MANY_ATTEMPTS');

    const lifted = await server.gql<{ liftLoginLockout: boolean }>(LIFT, { id: staffId }, admin);
    expect(lifted.data?.liftLoginLockout).toBe(true);
    expect(codeOf(await login(server.url, DEMO.staff, DEMO_PASSWORD))).toBe('ok');
    const audited: Array<{ actor_role: string; details: Record<string, unknown> }> = await server.dataSource.query(
      `SELECT actor_role, details FROM audit_event WHERE action = 'update' AND entity_type = 'user' AND entity_id = $1`,
      [staffId],
    );
    expect(audited).toEqual([{ actor_role: 'admin', details: { change: 'login_lockout_lifted' } }]);
  });
});

describe('login guessing, counted in Redis (REDIS_URL)', () => {
  it('holds across two API instances that share the Redis, and a lockout lifted on one is lifted on both', { timeout: 180_000 }, async () => {
    const prefix = `login-test-${randomUUID()}`;
    const server = await serverWith({ REDIS_URL, RATE_LIMIT_KEY_PREFIX: prefix });
    expect(server.app.rateLimitStore).toBe('redis');
    // A second instance of the API on the same database and Redis, as behind a load balancer.
    const second = await startApp({ config: server.config, dataSource: server.dataSource, log: createLogger('silent') });
    extraApps.push(second);
    const admin = await server.tokenFor(DEMO.admin);

    const guesses = await Promise.all(Array.from({ length: 50 }, (_, i) => login(i % 2 ? second.url : server.url, DEMO.staff, `guess-${i}`)));
    // Counted in memory, each instance would have checked 10 of them: shared, the two checked 10 together.
    expect(count(guesses)).toEqual({ UNAUTHENTICATED: 10, TOO_MANY_ATTEMPTS: 40 });
    for (const url of [server.url, second.url]) expect(codeOf(await login(url, DEMO.staff, DEMO_PASSWORD))).toBe('TOO_MANY_ATTEMPTS');

    const redis = new Redis(REDIS_URL);
    try {
      const keys = await redis.keys(`${prefix}:rl:login-account*`);
      expect(keys.length).toBeGreaterThan(0);
      expect(await server.gql(LIFT, { id: await userId(server, DEMO.staff) }, admin)).toMatchObject({ data: { liftLoginLockout: true } });
      expect(codeOf(await login(second.url, DEMO.staff, DEMO_PASSWORD))).toBe('ok');
      const left = await redis.keys(`${prefix}:*`);
      if (left.length > 0) await redis.del(...left);
    } finally {
      redis.disconnect();
    }
  });
});
