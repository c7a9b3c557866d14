import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { Api, DEMO, DEMO_PASSWORD } from './support/api.js';
import {
  completeWholeReview,
  logIn,
  logOut,
  openLogoutDialog,
  phoneStores,
  storedVerifiers,
  submitLogin,
  SYNCED,
  waitForServiceWorker,
  waitForSyncStatus,
} from './support/app.js';
import { launchChromium, newPhone, screenshotOnFailure, snap, until, type Phone } from './support/browser.js';
import { failOnApiErrors } from './support/server-log.js';
import { SAFE_HOME, STOVE_HOME } from './support/checklist.js';

/*
 * Issue 8, point 2: logging out offline must not lock the worker out. Each test is a fresh install of the
 * app on its own phone; the worker logs in online once, as on the first day with a new phone.
 */

const baseUrl = inject('baseUrl');
const api = new Api(baseUrl);
const DAY = 24 * 60 * 60 * 1000;

let browser: Browser;
let phone: Phone | undefined;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await phone?.context.close();
  phone = undefined;
});
screenshotOnFailure('offline-unlock', () => [phone]);
failOnApiErrors();

async function freshPhone(): Promise<Phone> {
  phone = await newPhone(browser, baseUrl);
  return phone;
}

/** Logged in online once, the app installed (service worker active), then the network gone. */
async function loggedInThenOffline(p: Phone): Promise<void> {
  await logIn(p.page, DEMO.staff);
  await waitForServiceWorker(p.page);
  await p.context.setOffline(true);
}

const loginAlert = (page: Page) => page.getByRole('alert');

/** Each session call (refresh, logout) the page makes from now on, with what the server answered. */
function sessionTrail(page: Page): string[] {
  const trail: string[] = [];
  page.on('requestfinished', (request) => {
    const body = request.postData() ?? '';
    const operation = /mutation (\w+)/.exec(body)?.[1];
    if (!request.url().endsWith('/graphql') || !operation || !/refresh|logout|endSession/i.test(operation)) return;
    void request.response().then(async (response) => {
      const errors = ((await response?.json().catch(() => null)) as { errors?: Array<{ extensions?: { code?: string } }> } | null)?.errors;
      trail.push(`${new Date().toISOString()} ${operation}: HTTP ${response?.status()} ${errors ? errors.map((e) => e.extensions?.code).join(',') : 'ok'}`);
    });
  });
  page.on('requestfailed', (request) => {
    if (request.url().endsWith('/graphql'))
      trail.push(`${new Date().toISOString()} ${/mutation (\w+)/.exec(request.postData() ?? '')?.[1] ?? 'query'}: failed ${request.failure()?.errorText}`);
  });
  return trail;
}

const recipientsShown = async (page: Page) => {
  await page.getByRole('heading', { name: 'Brukare' }).waitFor();
  await page.getByRole('list', { name: 'Brukare' }).getByRole('button').first().waitFor();
};

describe('logging out', () => {
  it('sits in the account menu, not among the everyday tabs, asks first, and says what it means offline', async () => {
    const p = await freshPhone();
    const { page } = p;
    await loggedInThenOffline(p);
    expect(
      await page
        .getByRole('navigation', { name: 'Huvudmeny' })
        .getByRole('button', { name: /Logga ut/ })
        .count(),
    ).toBe(0);

    let dialog = await openLogoutDialog(page);
    await dialog.getByText('Du är offline. Du kan låsa upp igen med ditt lösenord på den här telefonen.').waitFor();
    await dialog.getByText(/ligger kvar i telefonen/).waitFor();
    await snap(page, '40-logout-offline');
    await dialog.getByRole('button', { name: 'Avbryt' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: 'Brukare' }).waitFor();
    await until(
      async () => /– konto$/.test((await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))) ?? ''),
      'focus back on the account menu button',
    );

    // A phone that cannot unlock this user offline says that logging in again needs a connection.
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('hjulet');
          open.onsuccess = () => {
            const tx = open.result.transaction('verifiers', 'readwrite');
            tx.objectStore('verifiers').clear();
            tx.oncomplete = () => {
              open.result.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
          open.onerror = () => reject(open.error);
        }),
    );
    dialog = await openLogoutDialog(page);
    await dialog.getByText('Du är offline. För att logga in igen behöver telefonen uppkoppling.').waitFor();
    await dialog.getByRole('button', { name: 'Logga ut', exact: true }).click();
    await page.getByRole('heading', { name: 'Logga in' }).waitFor();
    expect(p.pageErrors).toEqual([]);
  });
});

describe('unlocking offline', () => {
  it('after an offline logout lets the worker unlock with the password, finish a checklist, and sync it once when back online', async () => {
    const p = await freshPhone();
    const { page, context } = p;
    const recipient = await api.recipientByReference(DEMO.manager, 'HT-0053');
    const before = await api.reviewsOf(DEMO.manager, recipient.id);
    await loggedInThenOffline(p);
    await logOut(page);

    // The app opened again with no network, as from the home screen mid-shift.
    const reload = await page.reload();
    expect(reload?.fromServiceWorker()).toBe(true);
    await page.getByText('Du är offline. Har du loggat in på den här telefonen förut kan du låsa upp den med ditt lösenord.').waitFor();
    await snap(page, '41-login-offline');
    await submitLogin(page, ` ${DEMO.staff.toUpperCase()} `);
    await recipientsShown(page);

    const { clientId } = await completeWholeReview(page, 'HT-0053', SAFE_HOME);
    await waitForSyncStatus(page, /^1 väntar på synk/);
    expect(await api.reviewsOf(DEMO.manager, recipient.id)).toHaveLength(before.length);

    // The logout never reached the server, so the worker's own refresh token is still good: no password asked.
    const trail = sessionTrail(page);
    await context.setOffline(false);
    // Once in ~20 CI runs the kept token was refused here (the bar asked for a login); what the phone
    // sent and got back says which way, for whoever sees it next.
    await waitForSyncStatus(page, SYNCED).catch((error: Error) => {
      throw new Error(`${error.message}\nthe phone's session calls since it came online:\n${trail.join('\n')}`);
    });
    expect(await page.getByText(/Logga in med ditt lösenord så synkas/).count()).toBe(0);
    expect(await phoneStores(page)).toMatchObject({ outbox: 0, attention: 0 });
    const after = await api.reviewsOf(DEMO.manager, recipient.id);
    expect(after).toHaveLength(before.length + 1);
    expect(after.filter((r) => r.clientId === clientId).map((r) => [r.status, r.performedById])).toEqual([['COMPLETED', (await api.as(DEMO.staff)).userId]]);
    expect(p.pageErrors).toEqual([]);
  });

  it('says that the first login on this phone needs a connection, for a user it does not know', async () => {
    const { page, context } = await freshPhone();
    await page.goto('/');
    await page.getByRole('heading', { name: 'Logga in' }).waitFor();
    await waitForServiceWorker(page);
    await context.setOffline(true);
    await submitLogin(page, DEMO.staff);
    await loginAlert(page).getByText('Första inloggningen på den här telefonen kräver uppkoppling. Anslut till internet och försök igen.').waitFor();
  });

  it('backs off after wrong passwords and wipes the verifier at the 5th, after which only an online login works', async () => {
    const p = await freshPhone();
    const { page, context } = p;
    await page.clock.install();
    await loggedInThenOffline(p);
    await logOut(page);
    const [verifier] = await storedVerifiers(page);
    expect(Object.keys(verifier ?? {}).sort()).toEqual(
      ['email', 'failures', 'hash', 'iterations', 'kdf', 'lastServerContactAt', 'retryAt', 'salt', 'user', 'userId'].sort(),
    );
    expect(JSON.stringify(verifier)).not.toContain(DEMO_PASSWORD);

    const waits = [15, 30, 60, 120];
    for (const [i, seconds] of waits.entries()) {
      await submitLogin(page, DEMO.staff, `fel-${i}`);
      await loginAlert(page)
        .getByText(`Fel lösenord. Vänta ${seconds} s innan nästa försök. Försök kvar på den här telefonen: ${4 - i}.`)
        .waitFor();
      if (i === 0) {
        await snap(page, '42-login-offline-wrong');
        // Even the right password waits out the back-off, and that try is not counted.
        await submitLogin(page, DEMO.staff);
        await loginAlert(page)
          .getByText(/^Vänta \d+ s till innan nästa försök\.$/)
          .waitFor();
      }
      await page.clock.fastForward(seconds * 1000);
    }
    await submitLogin(page, DEMO.staff, 'fel-4');
    await loginAlert(page)
      .getByText(/^För många felaktiga försök\. Du kan inte längre låsa upp den här telefonen utan uppkoppling/)
      .waitFor();
    expect(await storedVerifiers(page)).toEqual([]);
    await submitLogin(page, DEMO.staff);
    await loginAlert(page)
      .getByText(/^Första inloggningen på den här telefonen kräver uppkoppling/)
      .waitFor();

    await context.setOffline(false);
    await submitLogin(page, DEMO.staff);
    await recipientsShown(page);
    expect(await storedVerifiers(page)).toHaveLength(1);
  });

  it('works for 14 days after the last contact with the server, and not after', async () => {
    const p = await freshPhone();
    const { page } = p;
    await page.clock.install();
    await loggedInThenOffline(p);
    await logOut(page);

    await page.clock.setSystemTime(Date.now() + 13 * DAY);
    await submitLogin(page, DEMO.staff);
    await recipientsShown(page);
    await logOut(page);

    await page.clock.setSystemTime(Date.now() + 15 * DAY);
    await submitLogin(page, DEMO.staff);
    await loginAlert(page).getByText('Telefonen har inte haft kontakt med servern på 14 dagar. Logga in när telefonen är uppkopplad.').waitFor();
    expect(await storedVerifiers(page)).toEqual([]);
  });
});

describe('back online after an offline unlock', () => {
  it('asks for the password when the logout revoked the refresh token, then syncs the queued result exactly once', async () => {
    const p = await freshPhone();
    const { page, context } = p;
    const recipient = await api.recipientByReference(DEMO.manager, 'HT-0057');
    const before = await api.reviewsOf(DEMO.manager, recipient.id);
    await logIn(page, DEMO.staff);
    await waitForServiceWorker(page);
    // Online, the logout revokes the refresh token on the server at once.
    const dialog = await openLogoutDialog(page);
    expect(await dialog.getByText(/^Du är offline/).count()).toBe(0);
    await dialog.getByRole('button', { name: 'Logga ut', exact: true }).click();
    await page.getByRole('heading', { name: 'Logga in' }).waitFor();

    await context.setOffline(true);
    await page.reload();
    await submitLogin(page, DEMO.staff);
    await recipientsShown(page);
    const { clientId } = await completeWholeReview(page, 'HT-0057', STOVE_HOME);
    await waitForSyncStatus(page, /^1 väntar på synk/);

    await context.setOffline(false);
    const banner = page.getByText('Du är uppkopplad igen. Logga in med ditt lösenord så synkas det som väntar.');
    await banner.waitFor();
    await waitForSyncStatus(page, /^Logga in igen för att synka$/);
    await snap(page, '43-relogin-banner');
    expect(await phoneStores(page)).toMatchObject({ outbox: 1 });
    expect(await api.reviewsOf(DEMO.manager, recipient.id)).toHaveLength(before.length);

    await page.locator('.relogin').getByRole('button', { name: 'Logga in' }).click();
    const prompt = page.getByRole('dialog', { name: 'Logga in för att synka' });
    await prompt.getByLabel('Lösenord').fill('inte-lösenordet');
    await prompt.getByRole('button', { name: 'Logga in och synka' }).click();
    await prompt.getByRole('alert').getByText('Fel lösenord.').waitFor();
    await prompt.getByLabel('Lösenord').fill(DEMO_PASSWORD);
    await prompt.getByRole('button', { name: 'Logga in och synka' }).click();
    await waitForSyncStatus(page, SYNCED);
    await banner.waitFor({ state: 'detached' });
    expect(await phoneStores(page)).toMatchObject({ outbox: 0, attention: 0 });

    await until(async () => (await api.reviewsOf(DEMO.manager, recipient.id)).length === before.length + 1, 'the review on the server');
    const stored = (await api.reviewsOf(DEMO.manager, recipient.id)).filter((r) => r.clientId === clientId);
    expect(stored.map((r) => [r.status, r.risks.map((risk) => risk.itemKey)])).toEqual([['COMPLETED', STOVE_HOME.expectedRisks]]);
    expect(p.pageErrors).toEqual([]);
  });
});
