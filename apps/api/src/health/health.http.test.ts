import net from 'node:net';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/support/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ recipientCount: 4 });
});
afterAll(() => server?.close());

describe('operability endpoints', () => {
  it('answers /healthz while the process is up', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('answers /readyz only while the database answers', async () => {
    const res = await fetch(`${server.url}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready' });
  });

  it('keeps a well-formed x-request-id from the caller and makes one up otherwise', async () => {
    const kept = await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': 'phone-123.abc' } });
    expect(kept.headers.get('x-request-id')).toBe('phone-123.abc');
    const replaced = await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('compresses large answers for slow mobile links', async () => {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-encoding': 'gzip' },
      body: JSON.stringify({ query: '{ __schema { types { name description fields { name description } } } }' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('gzip');
  });
});

describe('readiness when the database is gone', () => {
  it('answers 503 from /readyz after the database connection closes', async () => {
    const own = await startTestServer({ recipientCount: 1 });
    try {
      await own.dataSource.destroy();
      const res = await fetch(`${own.url}/readyz`);
      expect(res.status).toBe(503);
    } finally {
      // close() stops the server and drops this file's database, but begins by closing the data source,
      // which fails on one already closed: reopen it first, or the database stays behind on PostgreSQL.
      if (!own.dataSource.isInitialized) await own.dataSource.initialize();
      await own.close();
    }
  });
});

describe('the health checks on a port of their own (HEALTH_PORT)', () => {
  let own: TestServer;
  let healthUrl: string;
  beforeAll(async () => {
    own = await startTestServer({ recipientCount: 1, env: { HEALTH_PORT: '0', HEALTH_MAX_LOOP_DELAY_MS: '150' } });
    healthUrl = own.app.healthUrl ?? '';
  });
  afterAll(async () => {
    if (!own.dataSource.isInitialized) await own.dataSource.initialize();
    await own?.close();
  });

  it('answers /healthz and /readyz there, with the headers of every other answer, and serves nothing else', async () => {
    expect(healthUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(healthUrl).not.toBe(own.url);
    const live = await fetch(`${healthUrl}/healthz`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok', loopDelayMs: expect.any(Number) });
    const onPort = await fetch(`${own.url}/healthz`);
    for (const name of SECURITY_HEADERS) expect(live.headers.get(name), name).toBe(onPort.headers.get(name));
    expect(live.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const ready = await fetch(`${healthUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
    for (const [path, method] of [
      ['/graphql', 'POST'],
      ['/', 'GET'],
      ['/oauth/token', 'POST'],
      ['/index.html', 'GET'],
      ['/healthz', 'POST'],
    ] as const) {
      const res = await fetch(`${healthUrl}${path}`, { method, ...(method === 'POST' ? { body: '{}' } : {}) });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
    // And the checks are still on PORT for whoever asks there.
    expect(onPort.status).toBe(200);
  });

  it('answers a probe at once while hundreds of new connections wait on PORT, where a probe waits behind them', async () => {
    // All connect while this thread is busy, so the kernel's accept queues hold them when it turns again.
    // A listening socket accepts one connection per turn (libuv 1.45+): on PORT the probe that came last is
    // answered after the others; on HEALTH_PORT its own thread answers at once.
    const crowd = Array.from({ length: 200 }, () => askHealthz(own.url));
    const lateOnPort = askHealthz(own.url);
    const onHealthPort = askHealthz(healthUrl);
    await new Promise<void>((resolve) =>
      setImmediate(() => {
        busy(100);
        resolve();
      }),
    );
    const order: string[] = [];
    await Promise.all([
      ...crowd.map((answer) => answer.then(() => order.push('crowd'))),
      lateOnPort.then(() => order.push('late on PORT')),
      onHealthPort.then(() => order.push('HEALTH_PORT')),
    ]);
    expect(order.indexOf('HEALTH_PORT')).toBeLessThan(20);
    expect(order.indexOf('late on PORT')).toBeGreaterThan(150);
  });

  it("answers 503 while the API's event loop does not turn, and 200 again once it does", async () => {
    // The probe comes from a thread of its own while this one, the API's, is held busy: from the moment it
    // is told to go until its answer has come (shared memory, since this thread reads no messages meanwhile).
    const signals = new Int32Array(new SharedArrayBuffer(8));
    const probe = new Worker(
      `const { parentPort, workerData } = require('node:worker_threads');
       const signals = new Int32Array(workerData.signals);
       Atomics.wait(signals, 0, 0);
       setTimeout(async () => {
         const res = await fetch(workerData.url + '/healthz');
         parentPort.postMessage({ status: res.status, body: await res.json() });
         Atomics.store(signals, 1, 1);
       }, 300);`,
      { eval: true, workerData: { url: healthUrl, signals: signals.buffer } },
    );
    const answered = new Promise<{ status: number; body: { status: string; loopDelayMs: number } }>((resolve, reject) => {
      probe.once('message', resolve);
      probe.once('error', reject);
    });
    probe.once('online', () => {
      Atomics.store(signals, 0, 1);
      Atomics.notify(signals, 0);
      const giveUp = performance.now() + 10_000;
      while (Atomics.load(signals, 1) === 0 && performance.now() < giveUp);
    });
    const stalled = await answered;
    await probe.terminate();
    expect(stalled.status).toBe(503);
    expect(stalled.body.status).toBe('event loop stalled');
    expect(stalled.body.loopDelayMs).toBeGreaterThan(150);
    await expect.poll(async () => (await fetch(`${healthUrl}/healthz`)).status).toBe(200);
  });

  it('answers 503 from /readyz there once the database is gone', async () => {
    await own.dataSource.destroy();
    const res = await fetch(`${healthUrl}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'database unreachable' });
    expect((await fetch(`${healthUrl}/healthz`)).status).toBe(200);
  });
});

/** The headers every answer of the API carries (shared/security-headers.ts). */
const SECURITY_HEADERS = [
  'content-security-policy',
  'x-content-type-options',
  'referrer-policy',
  'strict-transport-security',
  'cross-origin-resource-policy',
  'cross-origin-opener-policy',
  'x-frame-options',
];

/** Holds this thread for `ms`, as a long synchronous piece of work would. */
function busy(ms: number) {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

/** GET /healthz on a new connection of its own, answered when the server has sent it all (200 only). */
function askHealthz(url: string): Promise<void> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    let answer = '';
    const socket = net.connect(Number(port), hostname);
    socket.write(`GET /healthz HTTP/1.1\r\nHost: ${hostname}\r\nConnection: close\r\n\r\n`);
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    socket.on('error', reject);
    socket.on('end', () => (answer.startsWith('HTTP/1.1 200') ? resolve() : reject(new Error(answer.slice(0, 200)))));
  });
}
