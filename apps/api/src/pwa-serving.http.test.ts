import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pwaCacheControl } from './app.js';
import { startTestServer, type TestServer } from '../test/support/test-server.js';

/*
 * The API serves the built staff app. A directory laid out as `vite build` lays it out (hashed assets,
 * the shell, the service worker, the manifest, files from public/) stands in for the build, with the
 * app's real robots.txt.
 */

const ROBOTS = path.resolve(import.meta.dirname, '../../pwa/public/robots.txt');
const IMMUTABLE = 'public, max-age=31536000, immutable';
const APP_JS = `console.log(${JSON.stringify('Hjulet '.repeat(400))});`;

let server: TestServer;
let dist: string;

beforeAll(async () => {
  dist = await mkdtemp(path.join(os.tmpdir(), 'hjulet-pwa-dist-'));
  await mkdir(path.join(dist, 'assets'));
  await mkdir(path.join(dist, 'icons'));
  await writeFile(path.join(dist, 'index.html'), '<!doctype html><title>Hjulet</title><div id="root"></div>');
  await writeFile(path.join(dist, 'sw.js'), 'self.addEventListener("install", () => undefined);');
  await writeFile(path.join(dist, 'registerSW.js'), 'navigator.serviceWorker.register("/sw.js");');
  await writeFile(path.join(dist, 'manifest.webmanifest'), '{"name":"Hjulet"}');
  await writeFile(path.join(dist, 'assets/index-DHt86TBL.js'), APP_JS);
  await writeFile(path.join(dist, 'assets/index-DHt86TBL.js.br'), brotliCompressSync(APP_JS));
  await writeFile(path.join(dist, 'assets/index-Dw-KQDyp.css'), 'body{margin:0}');
  await writeFile(path.join(dist, 'assets/workbox-window.prod.es5-Bd17z0YL.js'), 'console.log("wb");');
  await writeFile(path.join(dist, 'icons/icon-192.png'), 'not really a png');
  await copyFile(ROBOTS, path.join(dist, 'robots.txt'));
  server = await startTestServer({ recipientCount: 1, pwaDist: dist });
});
afterAll(async () => {
  await server?.close();
  await rm(dist, { recursive: true, force: true });
});

const get = (urlPath: string, accept = 'text/html,application/xhtml+xml,*/*;q=0.8') => fetch(`${server.url}${urlPath}`, { headers: { accept } });

describe('the built staff app over HTTP', () => {
  it('caches hashed assets for a year as immutable', async () => {
    for (const asset of ['/assets/index-DHt86TBL.js', '/assets/index-Dw-KQDyp.css', '/assets/workbox-window.prod.es5-Bd17z0YL.js']) {
      const res = await get(asset, '*/*');
      expect(res.status, asset).toBe(200);
      expect(res.headers.get('cache-control'), asset).toBe(IMMUTABLE);
    }
  });

  it('has the browser revalidate the shell, the service worker, its registration and the manifest on every load', async () => {
    for (const file of ['/index.html', '/sw.js', '/registerSW.js', '/manifest.webmanifest']) {
      const res = await get(file, '*/*');
      expect(res.status, file).toBe(200);
      expect(res.headers.get('cache-control'), file).toBe('no-cache');
    }
  });

  it('answers a screen (/, a deep link) with the shell, not cached', async () => {
    for (const screen of ['/', '/granskning/2b1c5a0e-4c39-4d54-9b7a-1e1d8f0a9a11', '/atgarder']) {
      const res = await get(screen);
      expect(res.status, screen).toBe(200);
      expect(res.headers.get('content-type'), screen).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control'), screen).toBe('no-cache');
      expect(await res.text()).toContain('<div id="root">');
    }
  });

  it('serves /robots.txt as the text file it is, not the app shell', async () => {
    const res = await get('/robots.txt');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/^User-agent: \*$/m);
    expect(text).not.toContain('<div id="root">');
  });

  it('answers a file that is not there with 404, not the app shell', async () => {
    for (const missing of ['/favicon.ico', '/assets/index-Gone1234.js', '/.well-known/security.txt']) {
      const res = await get(missing);
      expect(res.status, missing).toBe(404);
      expect(await res.text(), missing).not.toContain('<div id="root">');
    }
  });

  it('sends the brotli file the build made to a browser that takes brotli, and the plain file to one that does not', async () => {
    const br = await fetch(`${server.url}/assets/index-DHt86TBL.js`, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('content-type')).toMatch(/^(text|application)\/javascript/);
    expect(br.headers.get('cache-control')).toBe(IMMUTABLE);
    expect(br.headers.get('vary')).toMatch(/Accept-Encoding/i);
    expect(await br.text()).toBe(APP_JS);
    const gzip = await fetch(`${server.url}/assets/index-DHt86TBL.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(await gzip.text()).toBe(APP_JS);
    const plain = await new Promise<{ encoding: string | undefined; body: string }>((resolve, reject) => {
      // node:http sends no Accept-Encoding unless told to: a client that never said it takes brotli.
      http
        .get(`${server.url}/assets/index-DHt86TBL.js`, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () => resolve({ encoding: res.headers['content-encoding'], body }));
        })
        .on('error', reject);
    });
    expect(plain).toEqual({ encoding: undefined, body: APP_JS });
  });

  it('caches files that keep their name across builds (icons) for an hour', async () => {
    const res = await get('/icons/icon-192.png', 'image/*');
    expect(res.headers.get('cache-control')).toBe('public, max-age=3600');
  });
});

describe('pwaCacheControl', () => {
  it('tells a hashed asset from a file that keeps its name', () => {
    expect(pwaCacheControl('assets/index-DHt86TBL.js')).toBe(IMMUTABLE);
    expect(pwaCacheControl('assets/virtual_pwa-register-CPzrCpGG.js')).toBe(IMMUTABLE);
    expect(pwaCacheControl('workbox-1a2b3c4d.js')).toBe('no-cache');
    expect(pwaCacheControl('assets/logo.svg')).toBe('public, max-age=3600');
    expect(pwaCacheControl('robots.txt')).toBe('public, max-age=3600');
  });
});
