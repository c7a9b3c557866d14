import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ApiProcess } from '../support/api-process.js';
import { startApi } from './global-setup.js';
import { CLIENT_ID, CLIENT_SECRET, freePort, startRealProvider, type RealProvider } from '@hjulet/api/test-support/oidc-providers.js';
import { Api, DEMO } from './support/api.js';
import { openLogoutDialog, storedVerifiers, waitForServiceWorker } from './support/app.js';
import { accessibilityProblems } from './support/axe.js';
import { launchChromium, newPhone, screenshotOnFailure, snap, type Phone } from './support/browser.js';
import type { Page } from 'playwright-core';

/*
 * Issue 12: a worker signs in on the phone through the municipality's identity provider. The provider is
 * oidc-provider, in this process, with its own keys and its development login and consent pages; the API
 * is one of this file's own (the shared one has no provider), serving the PWA the global setup built.
 */

const pwaDist = inject('pwaDist');

let browser: Browser;
let provider: RealProvider;
let server: ApiProcess;
let scratch: string;
let phone: Phone | undefined;

beforeAll(async () => {
  browser = await launchChromium();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  provider = await startRealProvider(`${base}/auth/oidc/callback`, `${base}/`);
  scratch = await mkdtemp(path.join(os.tmpdir(), 'hjulet-e2e-oidc-'));
  server = await startApi(
    path.join(scratch, 'data'),
    pwaDist,
    {
      PORT: String(port),
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: CLIENT_ID,
      OIDC_CLIENT_SECRET: CLIENT_SECRET,
      OIDC_REDIRECT_URI: `${base}/auth/oidc/callback`,
      OIDC_ALLOW_HTTP: 'yes',
      OIDC_PROVIDER_NAME: 'Testkommunen',
      // RP-initiated logout sends the browser back here (registered at the provider too).
      OIDC_POST_LOGOUT_REDIRECT_URI: `${base}/`,
    },
    'api-oidc.log',
  );
});
afterAll(async () => {
  await browser?.close();
  if (server) await server.stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
  await provider?.close();
});
afterEach(async () => {
  await phone?.context.close();
  phone = undefined;
});
screenshotOnFailure('oidc-sign-in', () => [phone]);

/** Through the provider's own (development) pages: who, then consent; the login form must be asked for. */
async function signInAtProvider(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Logga in med Testkommunen' }).click();
  await page.locator('input[name="login"]').fill(DEMO.staff);
  await page.locator('input[name="password"]').fill('anything');
  await page.locator('button[type="submit"]').click();
  await page
    .locator('button[type="submit"]')
    .filter({ hasText: /continue/i })
    .click();
}

/** The provider's RP-initiated logout page asks first; yes, and it sends the browser back to the app. */
async function confirmProviderLogout(page: Page): Promise<void> {
  // Not waiting for "load": the provider's page imports a web font from the internet, which may never come.
  await page.waitForURL((url) => url.href.startsWith(provider.issuer), { waitUntil: 'commit' });
  await page.getByRole('button', { name: 'Yes, sign me out' }).click();
  await page.waitForURL((url) => url.href.startsWith(server.url), { waitUntil: 'commit' });
  await page.getByRole('heading', { name: 'Logga in' }).waitFor();
}

/** A new sign-in through the provider: its login form shows, so the provider's session is gone. */
async function providerAsksForCredentialsAgain(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Logga in med Testkommunen' }).click();
  await page.locator('input[name="login"]').waitFor();
  expect(page.url().startsWith(provider.issuer)).toBe(true);
}

const PIN = '480372';

async function setPinOnFirstSignIn(page: Page): Promise<void> {
  await page.getByRole('heading', { name: 'Välj en PIN-kod för den här telefonen' }).waitFor();
  await page.getByLabel('Ny PIN-kod').fill(PIN);
  await page.getByLabel('Upprepa PIN-koden').fill(PIN);
  await page.getByRole('button', { name: 'Spara PIN-kod' }).click();
  await page.getByRole('heading', { name: 'Brukare' }).waitFor();
}

async function unlockWith(page: Page, pin: string): Promise<void> {
  await page.getByLabel('E-post').fill(DEMO.staff);
  await page.getByLabel('Lösenord eller PIN-kod').fill(pin);
  await page.getByRole('button', { name: 'Logga in' }).click();
}

describe('sign-in through the identity provider on the phone', () => {
  it('goes to the provider, back, and into the app with a session; no token in any URL', async () => {
    phone = await newPhone(browser, server.url);
    const { page } = phone;
    const urls: string[] = [];
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) urls.push(frame.url());
    });
    await page.goto('/');
    await page.getByRole('link', { name: 'Logga in med Testkommunen' }).click();

    // The provider's own (development) pages: who, then consent.
    await page.locator('input[name="login"]').fill(DEMO.staff);
    await page.locator('input[name="password"]').fill('anything');
    await page.locator('button[type="submit"]').click();
    await page
      .locator('button[type="submit"]')
      .filter({ hasText: /continue/i })
      .click();

    // A first sign-in on this phone: the PIN for the offline unlock, then the app.
    await setPinOnFirstSignIn(page);
    expect(new URL(page.url()).hash).toBe('');
    expect(urls.some((u) => u.startsWith(provider.issuer))).toBe(true);
    // Only the one-time code ever sat in a URL (the fragment), never the API's tokens.
    for (const url of urls) expect(url).not.toMatch(/access_?token|refresh_?token/i);

    expect(phone.pageErrors).toEqual([]);
  });
});

describe('a provider user on a phone (issue 12, the phone)', () => {
  it('sets a PIN at the first sign-in, unlocks offline with it, is refused a wrong one, and ends the provider session later', async () => {
    phone = await newPhone(browser, server.url);
    const { page, context } = phone;
    await page.goto('/');
    await signInAtProvider(page);

    // The PIN screen, before the app: a trivial PIN is refused, and the screen passes axe.
    await page.getByRole('heading', { name: 'Välj en PIN-kod för den här telefonen' }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByLabel('Ny PIN-kod').fill('123456');
    await page.getByLabel('Upprepa PIN-koden').fill('123456');
    await page.getByRole('button', { name: 'Spara PIN-kod' }).click();
    await page.getByRole('alert').getByText('Den PIN-koden är för lätt att gissa. Välj en annan.').waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await snap(page, '70-pin-setup');
    await setPinOnFirstSignIn(page);

    // Only the slow verifier is on the phone: no PIN in it.
    const [verifier] = await storedVerifiers(page);
    expect(verifier).toMatchObject({ secret: 'pin', kdf: 'PBKDF2-SHA-256', iterations: 600_000 });
    expect(JSON.stringify(verifier)).not.toContain(PIN);

    // Offline: logging out clears the phone's session at once and says the provider's part waits.
    await waitForServiceWorker(page);
    await context.setOffline(true);
    let dialog = await openLogoutDialog(page);
    await dialog.getByText('Du är offline. Du kan låsa upp igen med din PIN-kod på den här telefonen.').waitFor();
    await dialog.getByTestId('logout-offline-provider').waitFor();
    await dialog.getByRole('button', { name: 'Logga ut', exact: true }).click();
    await page.getByRole('heading', { name: 'Logga in' }).waitFor();

    // Reloaded offline (the service worker answers), the PIN unlocks the phone.
    await page.reload();
    await page.getByRole('heading', { name: 'Logga in' }).waitFor();
    await unlockWith(page, PIN);
    await page.getByRole('heading', { name: 'Brukare' }).waitFor();

    // Logged out offline again, a wrong PIN is refused and counted.
    dialog = await openLogoutDialog(page);
    await dialog.getByRole('button', { name: 'Logga ut', exact: true }).click();
    await page.getByRole('heading', { name: 'Logga in' }).waitFor();
    await unlockWith(page, '735190');
    await page.getByRole('alert').getByText('Fel PIN-kod. Vänta 15 s innan nästa försök. Försök kvar på den här telefonen: 4.').waitFor();
    expect((await storedVerifiers(page))[0]).toMatchObject({ failures: 1 });

    // Online again: the server revokes the session, and the login screen offers to end the provider's.
    await context.setOffline(false);
    await page.getByRole('button', { name: 'Avsluta förra inloggningen' }).click();
    await confirmProviderLogout(page);
    await providerAsksForCredentialsAgain(page);
    expect(phone.pageErrors).toEqual([]);
  });

  it('online, logging out ends the provider session too (RP-initiated logout): the next sign-in asks for credentials', async () => {
    phone = await newPhone(browser, server.url);
    const { page } = phone;
    await page.goto('/');
    await signInAtProvider(page);
    await setPinOnFirstSignIn(page);

    const dialog = await openLogoutDialog(page);
    await dialog.getByRole('button', { name: 'Logga ut', exact: true }).click();
    await confirmProviderLogout(page);
    // The provider's session is gone, so it asks who is there: the PIN stays for this phone's offline unlock.
    await providerAsksForCredentialsAgain(page);
    await page.locator('input[name="login"]').fill(DEMO.staff);
    await page.locator('input[name="password"]').fill('anything');
    await page.locator('button[type="submit"]').click();
    // Whether the provider asks for consent again is its own business.
    const consent = page.locator('button[type="submit"]').filter({ hasText: /continue/i });
    const home = page.getByRole('heading', { name: 'Brukare' });
    await consent.or(home).first().waitFor();
    if (await consent.isVisible()) await consent.click();
    await home.waitFor();
    expect(phone.pageErrors).toEqual([]);
  });
});

describe('a person the provider knows but Hjulet has no role for', () => {
  it('is created at the first sign-in and sees only the "awaiting a role" page, with no accessibility problem', async () => {
    const api = new Api(server.url);
    const { token } = await api.as(DEMO.admin);
    await api.request(
      'mutation($i: IdentitySettingsInput!) { updateIdentitySettings(input: $i) { autoCreate } }',
      { i: { roleClaim: 'groups', autoCreate: true } },
      token,
    );
    provider.groups.set('ny.i.tjanst@kommun.example', ['ingen-mappad-grupp']);

    phone = await newPhone(browser, server.url);
    const { page } = phone;
    await page.goto('/');
    await page.getByRole('link', { name: 'Logga in med Testkommunen' }).click();
    await page.locator('input[name="login"]').fill('ny.i.tjanst@kommun.example');
    await page.locator('input[name="password"]').fill('anything');
    await page.locator('button[type="submit"]').click();
    await page
      .locator('button[type="submit"]')
      .filter({ hasText: /continue/i })
      .click();

    await page.getByRole('heading', { name: 'Väntar på behörighet' }).waitFor();
    await page.getByText('En administratör måste ge dig en roll').waitFor();
    expect(await page.getByRole('navigation', { name: 'Huvudmeny' }).count()).toBe(0);
    expect(await accessibilityProblems(page)).toEqual([]);

    const accounts = await api.request<{ userAccounts: Array<{ email: string; awaitingRole: boolean; lastSignInMethod: string | null }> }>(
      '{ userAccounts { email awaitingRole lastSignInMethod } }',
      {},
      token,
    );
    expect(accounts.userAccounts.find((a) => a.email === 'ny.i.tjanst@kommun.example')).toEqual({
      email: 'ny.i.tjanst@kommun.example',
      awaitingRole: true,
      lastSignInMethod: 'OIDC',
    });
    expect(phone.pageErrors).toEqual([]);
  });
});
