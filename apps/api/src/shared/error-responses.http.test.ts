import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { startApp, type RunningApp } from '../app.js';
import { DEMO_PASSWORD, seedDemo } from '../seed/demo-seed.js';
import { createServices } from '../services.js';
import { DEMO } from '../../test/support/test-server.js';
import { loadConfig } from './config.js';
import { createThrowawayDatabase, startEmbeddedDatabase, type DatabaseHandle } from './database.js';
import { openDataSource } from './data-source.js';
import { createLogger } from './logger.js';

/*
 * The README's start command runs in development mode, so development is the mode that must not leak:
 * an internal error answers an opaque code and the request id, and only the log holds the stack.
 */

let db: DatabaseHandle;
let dataSource: DataSource;
let app: RunningApp;
let adminToken: string;
const logLines: Array<Record<string, unknown>> = [];

beforeAll(async () => {
  const serverUrl = process.env['DATABASE_URL'];
  db = serverUrl ? await createThrowawayDatabase(serverUrl) : await startEmbeddedDatabase();
  const config = loadConfig({ NODE_ENV: 'development', PORT: '0', LOG_LEVEL: 'info' });
  const log = createLogger('info', { write: (line: string) => void logLines.push(JSON.parse(line) as Record<string, unknown>) });
  dataSource = await openDataSource(db, log);
  await seedDemo(dataSource, createServices(dataSource, config));
  app = await startApp({ config, dataSource, log });
  const login = await post(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`, { e: DEMO.admin, p: DEMO_PASSWORD });
  adminToken = (login.body as { data: { login: { accessToken: string } } }).data.login.accessToken;
});
afterAll(async () => {
  await app?.close();
  await dataSource?.destroy();
  await db?.close();
});

async function post(query: string, variables: Record<string, unknown> = {}, token?: string) {
  const response = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  return { status: response.status, requestId: response.headers.get('x-request-id'), text, body: JSON.parse(text) as Record<string, unknown> };
}

describe('an internal error in development mode', () => {
  it('answers INTERNAL_SERVER_ERROR with the request id and no stack trace, and logs the stack with the request id', async () => {
    // A table that is not there is a PostgreSQL error no client can cause: the formatter maps no such code.
    await dataSource.query(`ALTER TABLE area RENAME TO area_moved_away`);
    try {
      const res = await post(`{ organisation { areas { id } } }`, {}, adminToken);

      const errors = (res.body as { errors: Array<{ message: string; extensions: Record<string, unknown> }> }).errors;
      expect(errors[0]?.extensions['code']).toBe('INTERNAL_SERVER_ERROR');
      expect(errors[0]?.message).toBe('Internal server error');
      expect(res.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(errors[0]?.extensions['requestId']).toBe(res.requestId);
      expect(res.text).not.toMatch(/stacktrace/i);
      expect(res.text).not.toMatch(/\.(ts|js):\d+|node_modules|\/work\/|area_moved_away/);

      const logged = logLines.find((l) => l['msg'] === 'unexpected error in a request' && l['requestId'] === res.requestId);
      expect(logged, JSON.stringify(logLines.slice(-3))).toBeDefined();
      expect(String((logged?.['err'] as { stack?: string } | undefined)?.stack)).toMatch(/\n\s+at /);
    } finally {
      await dataSource.query(`ALTER TABLE area_moved_away RENAME TO area`);
    }
  });

  it('still answers a client mistake with its code, the field, and no stack trace', async () => {
    const res = await post(`query($id: UUID!) { careRecipient(id: $id) { id } }`, { id: 'HT-0001' }, adminToken);
    expect(res.status).toBe(400);
    expect(res.text).not.toMatch(/stacktrace|node_modules/i);
    expect((res.body as { errors: Array<{ extensions: Record<string, unknown> }> }).errors[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'id',
    });
  });
});
