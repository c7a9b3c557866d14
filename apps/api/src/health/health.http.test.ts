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
