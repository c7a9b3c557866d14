import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO, DEMO_PASSWORD } from './support/api.js';
import { launchChromium } from './support/browser.js';
import { failOnApiErrors } from './support/server-log.js';
import { submitLogin } from './support/app.js';

/*
 * Issue 8, the login split: index.html holds the login screen as the build rendered it, so a phone on a
 * slow link paints it before the app's JavaScript arrives, and React then takes over the same markup. Each
 * test holds the app's entry script back to see the page as it is before the JavaScript runs.
 */

const baseUrl = inject('baseUrl');
let browser: Browser;
let context: BrowserContext | undefined;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await context?.close();
  context = undefined;
});
failOnApiErrors();

interface HeldPage {
  page: Page;
  /** Lets the held entry script through. */
  release(): void;
  /** Console errors and uncaught errors: hydration mismatches are reported there. */
  errors: string[];
}

/** A phone whose next load of the app's entry script (assets/index-*.js) waits until `release()`. */
async function phoneHoldingTheEntryScript(): Promise<HeldPage> {
  // The service worker would answer the requests itself, out of the test's reach: these phones have none.
  context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 360, height: 640 }, locale: 'sv-SE', serviceWorkers: 'block' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  page.on('pageerror', (error) => errors.push(error.message));
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/index-[\w-]+\.js$/, async (route: Route) => {
    await held;
    await route.continue();
  });
  return { page, errors, release: () => release() };
}

/** Whether React has taken over the login form (hydrated it or rendered it). */
const reactOwnsTheForm = (page: Page) =>
  page.evaluate(() => {
    const form = document.querySelector('form.login');
    return form !== null && Object.keys(form).some((key) => key.startsWith('__reactFiber'));
  });

const loginHeading = (page: Page, name = 'Logga in') => page.getByRole('heading', { name });

describe('the login screen in index.html', () => {
  it('is painted before the app’s JavaScript has loaded, and what was typed meanwhile logs in', async () => {
    const { page, release, errors } = await phoneHoldingTheEntryScript();
    await page.goto('/', { waitUntil: 'commit' });
    await loginHeading(page).waitFor();
    expect(await page.getByLabel('E-post').isVisible()).toBe(true);
    expect(await reactOwnsTheForm(page)).toBe(false);

    // A worker starts typing while the script is still on its way over a slow link.
    await page.getByLabel('E-post').fill(DEMO.staff);
    await page.getByLabel('Lösenord').fill(DEMO_PASSWORD);
    release();
    await expect.poll(() => reactOwnsTheForm(page)).toBe(true);
    expect(await page.getByLabel('E-post').inputValue()).toBe(DEMO.staff);

    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('heading', { name: 'Brukare' }).waitFor();
    expect(errors).toEqual([]);
  });

  it('is the very markup React renders: hydration finds no difference', async () => {
    const { page, release, errors } = await phoneHoldingTheEntryScript();
    await page.goto('/', { waitUntil: 'commit' });
    await loginHeading(page).waitFor();
    const before = await page.locator('#root').innerHTML();
    release();
    await expect.poll(() => reactOwnsTheForm(page)).toBe(true);
    expect(await page.locator('#root').innerHTML()).toBe(before);
    expect(errors).toEqual([]);
  });

  it('never flashes for someone logged in on the phone: the app shows instead', async () => {
    const { page, release, errors } = await phoneHoldingTheEntryScript();
    release();
    await page.goto('/');
    await submitLogin(page, DEMO.staff);
    await page.getByRole('heading', { name: 'Brukare' }).waitFor();

    const held = await holdAgainAndReload(page);
    expect(await page.locator('#root form.login').count()).toBe(1);
    expect(await loginHeading(page).isVisible()).toBe(false);
    held.release();
    await page.getByRole('heading', { name: 'Brukare' }).waitFor();
    expect(await page.locator('form.login').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('never flashes in Swedish for someone who chose English', async () => {
    const { page, release, errors } = await phoneHoldingTheEntryScript();
    release();
    await page.goto('/');
    await page.getByRole('button', { name: 'In English' }).click();
    await loginHeading(page, 'Log in').waitFor();

    const held = await holdAgainAndReload(page);
    expect(await loginHeading(page).isVisible()).toBe(false);
    held.release();
    await loginHeading(page, 'Log in').waitFor();
    expect(await loginHeading(page, 'Log in').isVisible()).toBe(true);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(errors).toEqual([]);
  });
});

/** Reloads the page with its entry script held again; resolves when the HTML's markup is in the page. */
async function holdAgainAndReload(page: Page): Promise<{ release(): void }> {
  await page.unrouteAll();
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/index-[\w-]+\.js$/, async (route: Route) => {
    await held;
    await route.continue();
  });
  await page.reload({ waitUntil: 'commit' });
  await page.locator('#root form.login').waitFor({ state: 'attached' });
  // The browser paints nothing before the stylesheet in <head> has loaded (it blocks rendering), and the rule
  // that hides the login screen is in it: what a person could see is judged once it applies, not before.
  await page.waitForFunction(() => [...document.styleSheets].some((sheet) => sheet.href?.includes('/assets/') && sheet.cssRules.length > 0));
  return { release: () => release() };
}
