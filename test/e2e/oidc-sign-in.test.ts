import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startApi, stopProcessTree } from './global-setup.js';
import { CLIENT_ID, CLIENT_SECRET, freePort, startRealProvider, type RealProvider } from '@hjulet/api/test-support/oidc-providers.js';
import { Api, DEMO } from './support/api.js';
import { accessibilityProblems } from './support/axe.js';
import { launchChromium, newPhone, screenshotOnFailure, type Phone } from './support/browser.js';

/*
 * Issue 12: a worker signs in on the phone through the municipality's identity provider. The provider is
 * oidc-provider, in this process, with its own keys and its development login and consent pages; the API
 * is one of this file's own (the shared one has no provider), serving the PWA the global setup built.
 */

const pwaDist = inject('pwaDist');

let browser: Browser;
let provider: RealProvider;
let server: { url: string; child: ChildProcess };
let scratch: string;
let phone: Phone | undefined;

beforeAll(async () => {
  browser = await launchChromium();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  provider = await startRealProvider(`${base}/auth/oidc/callback`, `${base}/`);
  scratch = await mkdtemp(path.join(os.tmpdir(), 'hjulet-e2e-oidc-'));
  server = await startApi(path.join(scratch, 'data'), pwaDist, {
    PORT: String(port),
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: CLIENT_ID,
    OIDC_CLIENT_SECRET: CLIENT_SECRET,
    OIDC_REDIRECT_URI: `${base}/auth/oidc/callback`,
    OIDC_ALLOW_HTTP: 'yes',
    OIDC_PROVIDER_NAME: 'Testkommunen',
  });
});
afterAll(async () => {
  await browser?.close();
  if (server) await stopProcessTree(server.child);
  if (scratch) await rm(scratch, { recursive: true, force: true });
  await provider?.close();
});
afterEach(async () => {
  await phone?.context.close();
  phone = undefined;
});
screenshotOnFailure('oidc-sign-in', () => [phone]);

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

    await page.getByRole('heading', { name: 'Brukare' }).waitFor();
    expect(new URL(page.url()).hash).toBe('');
    expect(urls.some((u) => u.startsWith(provider.issuer))).toBe(true);
    // Only the one-time code ever sat in a URL (the fragment), never the API's tokens.
    for (const url of urls) expect(url).not.toMatch(/access_?token|refresh_?token/i);

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
