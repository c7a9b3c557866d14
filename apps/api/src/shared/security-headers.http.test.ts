import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/support/test-server.js';
import { CHART_STYLE_HASHES } from './security-headers.js';

/*
 * Every kind of answer the API gives carries the security headers: GraphQL (POST, GET, Apollo's landing
 * page), the partners' /oauth/token, health and readiness, the staff app's shell, assets (plain and
 * brotli), service worker and manifest, and the error answers (404, 413, malformed JSON). CORS answers
 * only origins on the allow-list.
 */

const JS = `console.log(${JSON.stringify('Hjulet '.repeat(200))});`;
let server: TestServer;
let listed: TestServer;
let dist: string;

beforeAll(async () => {
  dist = await mkdtemp(path.join(os.tmpdir(), 'hjulet-headers-dist-'));
  await mkdir(path.join(dist, 'assets'));
  await writeFile(path.join(dist, 'index.html'), '<!doctype html><title>Hjulet</title><div id="root"></div>');
  await writeFile(path.join(dist, 'sw.js'), 'self.addEventListener("install", () => undefined);');
  await writeFile(path.join(dist, 'manifest.webmanifest'), '{"name":"Hjulet"}');
  await writeFile(path.join(dist, 'assets/index-DHt86TBL.js'), JS);
  await writeFile(path.join(dist, 'assets/index-DHt86TBL.js.br'), brotliCompressSync(JS));
  await writeFile(path.join(dist, 'assets/index-Dw-KQDyp.css'), 'body{margin:0}');
  server = await startTestServer({ recipientCount: 1, pwaDist: dist });
  listed = await startTestServer({ recipientCount: 1, env: { CORS_ORIGINS: 'https://kvalitet.norrkoping.se, http://localhost:5173' } });
});
afterAll(async () => {
  await server?.close();
  await listed?.close();
  await rm(dist, { recursive: true, force: true });
});

const ROUTES: Array<{ kind: string; path: string; init?: RequestInit; status: number }> = [
  {
    kind: 'GraphQL POST',
    path: '/graphql',
    init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' },
    status: 200,
  },
  { kind: 'GraphQL GET', path: '/graphql?query=%7B__typename%7D', init: { headers: { 'apollo-require-preflight': 'true' } }, status: 200 },
  {
    kind: 'GraphQL refused (no token)',
    path: '/graphql',
    init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ me { id } }"}' },
    status: 200,
  },
  {
    kind: 'GraphQL malformed JSON',
    path: '/graphql',
    init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":' },
    status: 400,
  },
  {
    kind: 'GraphQL body too large',
    path: '/graphql',
    init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"query":"${'a'.repeat(3_000_000)}"}` },
    status: 413,
  },
  {
    kind: 'OAuth token endpoint',
    path: '/oauth/token',
    init: { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials' },
    status: 401,
  },
  { kind: 'health', path: '/healthz', status: 200 },
  { kind: 'readiness', path: '/readyz', status: 200 },
  { kind: 'app shell', path: '/', init: { headers: { accept: 'text/html' } }, status: 200 },
  { kind: 'client-side route', path: '/granskning/ny', init: { headers: { accept: 'text/html' } }, status: 200 },
  { kind: 'hashed asset', path: '/assets/index-DHt86TBL.js', status: 200 },
  { kind: 'hashed asset, brotli', path: '/assets/index-DHt86TBL.js', init: { headers: { 'accept-encoding': 'br' } }, status: 200 },
  { kind: 'stylesheet', path: '/assets/index-Dw-KQDyp.css', status: 200 },
  { kind: 'service worker', path: '/sw.js', status: 200 },
  { kind: 'manifest', path: '/manifest.webmanifest', status: 200 },
  { kind: 'missing file', path: '/assets/missing-AAAAAAAA.js', status: 404 },
];

/** The CSP's directives, by name. */
function directives(csp: string | null): Map<string, string[]> {
  return new Map(
    (csp ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name as string, values]),
  );
}

describe('security headers', () => {
  it.each(ROUTES)('are on $kind ($path → $status)', async ({ path: urlPath, init, status }) => {
    const res = await fetch(`${server.url}${urlPath}`, init);
    expect(res.status).toBe(status);
    const csp = directives(res.headers.get('content-security-policy'));
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toEqual(["'self'", ...CHART_STYLE_HASHES]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(res.headers.get('content-security-policy')).not.toContain('unsafe-');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-powered-by')).toBeNull();
    await res.arrayBuffer();
  });

  it("are on Apollo's landing page too, whose scripts run only by the nonce of its own policy, never 'unsafe-inline'", async () => {
    const res = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    const header = res.headers.get('content-security-policy') ?? '';
    expect(directives(header).get('frame-ancestors')).toEqual(["'none'"]);
    expect(header).not.toContain('unsafe-');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await res.text();
    const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(directives(meta).get('script-src')).toEqual(expect.arrayContaining(["'self'", expect.stringMatching(/^'nonce-[0-9a-f]{64}'$/)]));
    expect(meta).not.toContain('unsafe-');
  });
});

describe('CORS', () => {
  const fromOrigin = (target: TestServer, origin: string, method = 'POST') =>
    fetch(`${target.url}/graphql`, {
      method,
      headers:
        method === 'OPTIONS'
          ? { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' }
          : { origin, 'content-type': 'application/json' },
      ...(method === 'POST' ? { body: '{"query":"{ __typename }"}' } : {}),
    });

  it('answers no other origin by default (same origin only): no Access-Control-Allow-Origin, on a request or a preflight', async () => {
    for (const method of ['POST', 'OPTIONS']) {
      const res = await fromOrigin(server, 'https://kvalitet.norrkoping.se', method);
      expect(res.headers.get('access-control-allow-origin'), method).toBeNull();
      await res.arrayBuffer();
    }
  });

  it('answers the origins of CORS_ORIGINS, and only those', async () => {
    const preflight = await fromOrigin(listed, 'https://kvalitet.norrkoping.se', 'OPTIONS');
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://kvalitet.norrkoping.se');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(preflight.headers.get('vary')).toContain('Origin');
    const listedPost = await fromOrigin(listed, 'http://localhost:5173');
    expect(listedPost.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    for (const origin of ['https://evil.example', 'https://kvalitet.norrkoping.se.evil.example', 'null']) {
      const res = await fromOrigin(listed, origin);
      expect(res.headers.get('access-control-allow-origin'), origin).toBeNull();
      await res.arrayBuffer();
    }
  });

  it('refuses a start with an allow-list entry that is not an origin, naming the variable', async () => {
    const { loadConfig } = await import('./config.js');
    expect(() => loadConfig({ CORS_ORIGINS: 'https://ok.example.se,*' })).toThrow(/CORS_ORIGINS/);
  });
});
