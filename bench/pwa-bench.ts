/**
 * `pnpm bench` (PWA part): the staff app in Debian's Chromium, against the API serving the built PWA on
 * embedded PGlite. Figures: critical-path JavaScript (compressed, as transferred), with each chunk of the
 * login split (what the login screen loads, and what comes after login), largest contentful paint of a
 * cold and an offline repeat load under 4x CPU throttling and Slow 4G (median of 5), tap-to-IndexedDB
 * commit p95 against a bare IndexedDB write in the same page, and the time to flush 500 queued results
 * on Slow 4G against the same bytes posted raw.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { DEMO, startTestServer, type TestServer } from '@hjulet/api/test-support/test-server.js';
import { DEMO_PASSWORD } from '@hjulet/api/seed/demo-seed.js';
import { ms, percentile } from './figures.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
// DevTools' "Slow 4G" preset.
const SLOW_4G = { offline: false, latency: 562.5, downloadThroughput: ((1.6 * 1024 * 1024) / 8) * 0.9, uploadThroughput: ((750 * 1024) / 8) * 0.9 };
const RUNS = 5;

const rows: string[][] = [];
const add = (measure: string, value: string, baseline = '', ratio = '', aim = '') => {
  process.stderr.write(`… ${measure}: ${value}\n`);
  rows.push([measure, value, baseline, ratio, aim]);
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

async function throttle(page: Page, cpu = 4): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
  return cdp;
}

async function largestContentfulPaint(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        new PerformanceObserver((list) => {
          const entries = list.getEntries();
          resolve(entries[entries.length - 1]?.startTime ?? NaN);
        }).observe({ type: 'largest-contentful-paint' as PerformanceObserverInit['type'], buffered: true });
      }),
  );
}

async function login(page: Page, url: string, email: string = DEMO.staff) {
  await page.goto(url);
  await page.fill('#email', email);
  await page.fill('#password', DEMO_PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForSelector('.list-item', { timeout: 60_000 });
}

/**
 * Opens the first recipient and starts a review. Every demo recipient already has a review this period, so
 * the app first asks why another is needed: answer it as a worker would (the recipient moved).
 */
async function startFirstReview(page: Page) {
  await page.locator('.list-item').first().click();
  const accept = page.getByRole('button', { name: 'Ja, starta genomgången' });
  const another = page.getByRole('button', { name: 'Erbjud en ny genomgång ändå' });
  await accept.or(another).first().waitFor({ timeout: 60_000 });
  if (await another.isVisible()) {
    await another.click();
    await page.getByRole('radio', { name: 'Brukaren har flyttat' }).check();
    await page.getByRole('button', { name: 'Fortsätt' }).click();
  }
  await accept.click();
}

async function serviceWorkerReady(page: Page) {
  await page.waitForFunction(async () => (await navigator.serviceWorker.getRegistration())?.active?.state === 'activated', undefined, {
    timeout: 60_000,
    polling: 200,
  });
}

interface ScriptTransfer {
  /** The file name, e.g. index-H7aPjB4K.js. */
  name: string;
  /** As transferred (compressed), headers included. */
  bytes: number;
}

/** The JavaScript files transferred while `action` runs, each with its bytes as transferred (compressed). */
async function transferredScripts(page: Page, action: () => Promise<void>): Promise<ScriptTransfer[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const scripts = new Map<string, string>();
  const done: ScriptTransfer[] = [];
  cdp.on('Network.responseReceived', (e) => e.type === 'Script' && scripts.set(e.requestId, new URL(e.response.url).pathname.split('/').pop() ?? ''));
  cdp.on('Network.loadingFinished', (e) => {
    const name = scripts.get(e.requestId);
    if (name !== undefined) done.push({ name, bytes: e.encodedDataLength });
  });
  await action();
  await cdp.detach();
  return done;
}

const total = (scripts: ScriptTransfer[]) => scripts.reduce((sum, s) => sum + s.bytes, 0);

async function benchBundle(browser: Browser, url: string) {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  const loginScripts = await transferredScripts(page, async () => {
    await page.goto(url);
    await page.waitForSelector('#email');
  });
  const reviewScripts = await transferredScripts(page, async () => {
    await page.fill('#email', DEMO.staff);
    await page.fill('#password', DEMO_PASSWORD);
    await page.click('button[type=submit]');
    await startFirstReview(page);
    await page.waitForSelector('fieldset.item');
  });
  const [loginJs, reviewJs] = [total(loginScripts), total(reviewScripts)];
  add('critical-path JS, login screen (compressed)', kb(loginJs), '100 KB budget', (loginJs / 102_400).toFixed(2), '≤ 100 KB');
  // The login split: what the login screen loads, and what comes only after login (the signed-in app).
  for (const script of loginScripts) add(`  login screen: ${script.name}`, kb(script.bytes));
  for (const script of reviewScripts) add(`  after login: ${script.name}`, kb(script.bytes));
  add(
    'critical-path JS, login + review screens (compressed)',
    kb(loginJs + reviewJs),
    '100 KB budget',
    ((loginJs + reviewJs) / 102_400).toFixed(2),
    '≤ 100 KB',
  );
  await context.close();

  // The supervisors' screens (Apollo Client, Observable Plot) load as their own chunk, only when opened.
  const supervisor = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
  const managerPage = await supervisor.newPage();
  await managerPage.goto(url);
  await managerPage.fill('#email', DEMO.manager);
  await managerPage.fill('#password', DEMO_PASSWORD);
  await managerPage.click('button[type=submit]');
  await managerPage.locator('.list-item').first().waitFor();
  const supervisorScripts = await transferredScripts(managerPage, async () => {
    await managerPage.getByRole('button', { name: 'Uppföljning' }).click();
    await managerPage.locator('[data-chart="coverage"] svg').waitFor({ timeout: 60_000 });
  });
  add("supervisors' chunk JS, loaded on opening the dashboard (compressed)", kb(total(supervisorScripts)), 'not on the critical path', '', 'lazy');
  for (const script of supervisorScripts) add(`  dashboard: ${script.name}`, kb(script.bytes));
  await supervisor.close();
}

async function benchPaint(browser: Browser, url: string) {
  const cold: number[] = [];
  const repeat: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
    const page = await context.newPage();
    const cdp = await throttle(page);
    await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
    await page.waitForSelector('#email');
    cold.push(await largestContentfulPaint(page));
    await serviceWorkerReady(page);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000, polling: 200 });
    await cdp.detach();
    await context.setOffline(true);
    const offlineCdp = await throttle(page);
    await offlineCdp.send('Network.emulateNetworkConditions', { ...SLOW_4G, offline: true });
    await page.reload({ waitUntil: 'load' });
    await page.waitForSelector('#email');
    repeat.push(await largestContentfulPaint(page));
    await context.close();
  }
  const spread = (xs: number[]) => `${ms(Math.min(...xs))}–${ms(Math.max(...xs))}`;
  add('LCP cold load, 4x CPU + Slow 4G (median of 5)', ms(median(cold)), `1.8 s aim (runs ${spread(cold)})`, (median(cold) / 1800).toFixed(2), '≤ 1.8 s');
  add('LCP offline repeat load, 4x CPU (median of 5)', ms(median(repeat)), '1.0 s aim', (median(repeat) / 1000).toFixed(2), '≤ 1.0 s');
}

async function startReview(page: Page) {
  await startFirstReview(page);
  await page.waitForSelector('fieldset.item');
}

/** Taps every answer of the first sections; each tap's commit time comes from the app's User Timing. */
async function benchTaps(context: BrowserContext, url: string, cpu: number) {
  const page = await context.newPage();
  await login(page, url);
  await startReview(page);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
  // Every click picks a different answer than the current one, so every tap is a real change and a write.
  let expected = 0;
  for (let round = 0; round < 5; round++) {
    const labels = page.locator('fieldset.item .answer');
    const count = await labels.count();
    for (let i = 0; i < count; i++) {
      await labels.nth(i).click();
      expected += 1;
      await page.waitForFunction((n) => performance.getEntriesByName('answer-commit').length >= n, expected);
    }
  }
  const durations = await page.evaluate(() => performance.getEntriesByName('answer-commit').map((e) => e.duration));
  const baseline = await page.evaluate(async () => {
    const open = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('bench-baseline', 1);
      request.onupgradeneeded = () => request.result.createObjectStore('s', { keyPath: 'id' });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const times: number[] = [];
    for (let i = 0; i < 100; i++) {
      const t0 = performance.now();
      await new Promise<void>((resolve, reject) => {
        const tx = open.transaction('s', 'readwrite');
        tx.objectStore('s').put({ id: 'draft', answers: { [`k${i}`]: 'yes' }, i });
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      times.push(performance.now() - t0);
    }
    return times;
  });
  add(
    `tap → IndexedDB commit p95, CPU ${cpu}x (${durations.length} taps)`,
    ms(percentile(durations, 95)),
    `${ms(percentile(baseline, 95))} bare IDB put`,
    (percentile(durations, 95) / percentile(baseline, 95)).toFixed(1),
    '≤ 50 ms',
  );
  await page.close();
}

/** 500 finished reviews queued on the phone, then one sync on Slow 4G. */
async function benchFlush(browser: Browser, server: TestServer) {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
  const page = await context.newPage();
  await login(page, server.url);
  await page.waitForFunction(async () => {
    const db = await new Promise<IDBDatabase>((resolve) => {
      const r = indexedDB.open('hjulet');
      r.onsuccess = () => resolve(r.result);
    });
    const ref = await new Promise<unknown>((resolve) => {
      const r = db.transaction('reference').objectStore('reference').getAll();
      r.onsuccess = () => resolve(r.result[0]);
    });
    db.close();
    return Boolean((ref as { safetyTemplateVersionId?: string } | undefined)?.safetyTemplateVersionId);
  });
  const payloadBytes = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve) => {
      const r = indexedDB.open('hjulet');
      r.onsuccess = () => resolve(r.result);
    });
    // No named helper functions in here: tsx's keepNames would wrap them in a __name() the page lacks.
    const [sessions, refs] = await Promise.all(
      ['session', 'reference'].map(
        (store) =>
          new Promise<unknown[]>((resolve) => {
            const r = db.transaction(store).objectStore(store).getAll();
            r.onsuccess = () => resolve(r.result);
          }),
      ),
    );
    const session = sessions?.[0] as { user: { id: string } } | undefined;
    const ref = refs?.[0] as { safetyTemplateVersionId: string; recipients: Array<{ id: string; reference: string }> } | undefined;
    if (!ref) throw new Error('no reference data on the phone');
    const keys = [
      'alarm_present',
      'alarm_tested',
      'alarm_perceived',
      'alarm_placement',
      'call_112',
      'knows_what_to_do',
      'evacuate_alone',
      'stairwell_smoke',
      'door_unlock',
      'blanket_extinguisher',
      'can_extinguish',
      'stove_forgotten',
      'stove_combustibles',
      'smoking_unsafe',
      'candles',
      'electrical',
      'charging',
      'oxygen',
      'influence',
      'clutter',
      'trip_hazards',
      'lighting',
      'bathroom',
      'safety_alarm',
      'building_risk',
    ];
    const safe: Record<string, string> = {
      stove_forgotten: 'no',
      stove_combustibles: 'no',
      smoking_unsafe: 'no',
      candles: 'no',
      electrical: 'no',
      charging: 'no',
      oxygen: 'no',
      influence: 'no',
      clutter: 'no',
      trip_hazards: 'yes',
      building_risk: 'no',
    };
    const tx = db.transaction('outbox', 'readwrite');
    const now = Date.now();
    let bytes = 0;
    for (let i = 0; i < 500; i++) {
      const recipient = ref.recipients[i % ref.recipients.length] as { id: string; reference: string };
      const created = new Date(now - (500 - i) * 1000).toISOString();
      const payload = {
        clientId: crypto.randomUUID(),
        deviceId: 'bench',
        recipientId: recipient.id,
        templateVersionId: ref.safetyTemplateVersionId,
        status: 'COMPLETED',
        answers: keys.map((k) => ({ itemKey: k, value: safe[k] ?? 'yes' })),
        consentToShareWithFireService: false,
        offeredAt: created,
        performedAt: created,
        actions: [],
      };
      bytes += JSON.stringify(payload).length;
      tx.objectStore('outbox').put({
        id: payload.clientId,
        kind: 'review',
        userId: session?.user.id,
        recipientReference: recipient.reference,
        payload,
        createdAt: created,
        attempts: 0,
        nextAttemptAt: created,
        lastError: null,
      });
    }
    await new Promise((resolve) => (tx.oncomplete = resolve));
    db.close();
    return bytes;
  });
  await page.reload();
  await page.waitForSelector('[data-testid="sync-status"]');
  await throttle(page, 1);
  const started = Date.now();
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await page.waitForFunction(() => /Synkat/.test(document.querySelector('[data-testid="sync-status"]')?.textContent ?? ''), undefined, { timeout: 300_000 });
  const flushMs = Date.now() - started;
  const stored = Number((await server.dataSource.query(`SELECT count(*) AS n FROM review WHERE device_id = 'bench'`))[0].n);
  // Baseline: the same number of bytes posted raw, in five requests, over the same throttled link.
  const rawMs = await page.evaluate(async (size) => {
    const body = 'x'.repeat(Math.ceil(size / 5));
    const t0 = performance.now();
    for (let i = 0; i < 5; i++) await fetch('/healthz', { method: 'POST', body }).catch(() => undefined);
    return performance.now() - t0;
  }, payloadBytes);
  add(`flush 500 queued results on Slow 4G (${stored} stored)`, ms(flushMs), `${ms(rawMs)} same bytes raw`, (flushMs / rawMs).toFixed(2), '< 60 s');
  await context.close();
}

async function main() {
  // Always measure the current code: a stale dist would measure yesterday's app.
  const env = { ...process.env };
  delete env['NODE_ENV'];
  execFileSync('npx', ['-y', 'pnpm@10.34.9', '--filter', '@hjulet/pwa', 'build'], { cwd: ROOT, stdio: 'ignore', env });
  delete process.env['DATABASE_URL'];
  const server = await startTestServer();
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    await benchBundle(browser, server.url);
    await benchPaint(browser, server.url);
    for (const cpu of [1, 4]) {
      const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
      await benchTaps(context, server.url, cpu);
      await context.close();
    }
    await benchFlush(browser, server);
  } finally {
    await browser.close();
    await server.close();
  }
  const head = ['PWA measure', 'value', 'baseline', 'ratio', 'aim'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] as number)).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

await main();
