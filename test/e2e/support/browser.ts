import path from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ARTIFACTS_DIR } from './paths.js';
import { failOnApiErrors } from './server-log.js';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Debian's Chromium, headless; nothing in the background that could add requests or CPU load. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface Phone {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors in the app's pages, to assert there were none. */
  pageErrors: string[];
}

/** A small phone (360×640) with its own storage: a fresh install of the app. */
export async function newPhone(browser: Browser, baseUrl: string): Promise<Phone> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width: 360, height: 640 },
    deviceScaleFactor: 2,
    hasTouch: true,
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
    serviceWorkers: 'allow',
  });
  context.setDefaultTimeout(20_000);
  const pageErrors: string[] = [];
  context.on('page', (page) => watchErrors(page, pageErrors));
  const page = await context.newPage();
  return { context, page, pageErrors };
}

function watchErrors(page: Page, errors: string[]): void {
  page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
}

/** A screenshot of what the phone shows now, kept as an artefact of the run. */
export async function snap(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`) });
}

/** Polls `check` until it returns true; for state that is not in the page (API, IndexedDB). */
export async function until(check: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** On a failed test, a screenshot of every open page (`failed-<name>-<n>.png`) to see what the user saw. */
export function screenshotOnFailure(name: string, phones: () => Array<Phone | undefined>): void {
  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail') return;
    const pages = phones().flatMap((p) => p?.context.pages() ?? []);
    await Promise.all(pages.map((page, i) => page.screenshot({ path: path.join(ARTIFACTS_DIR, `failed-${name}-${i}.png`) }).catch(() => undefined)));
  });
}

/**
 * One phone for a test file: Chromium launched before the tests and closed after, a screenshot when a
 * test fails, and a failure when the API logged an error meanwhile. Read the phone inside the tests.
 */
export function usePhone(name: string, baseUrl: string): () => Phone {
  let browser: Browser | undefined;
  let phone: Phone | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
    phone = await newPhone(browser, baseUrl);
  });
  afterAll(async () => {
    await browser?.close();
  });
  screenshotOnFailure(name, () => [phone]);
  failOnApiErrors();
  return () => {
    if (!phone) throw new Error('the phone is not ready yet');
    return phone;
  };
}
