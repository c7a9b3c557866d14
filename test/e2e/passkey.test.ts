import type { Browser, CDPSession } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ApiProcess } from '../support/api-process.js';
import { startApi } from './global-setup.js';
import { freePort } from '@hjulet/api/test-support/oidc-providers.js';
import { DEMO } from './support/api.js';
import { logIn, submitLogin } from './support/app.js';
import { accessibilityProblems } from './support/axe.js';
import { launchChromium, newPhone, screenshotOnFailure, type Phone } from './support/browser.js';

/*
 * Issue 12 §4: a worker registers a passkey on the Security screen and signs in with it as the second
 * factor, with Chromium's virtual authenticator (the DevTools protocol's WebAuthn domain) standing in for
 * the phone's. WebAuthn needs a secure context and a domain as relying party id: the app is opened at
 * http://localhost, which is both. The API is this file's own, so the passkey stays out of other tests.
 */

const pwaDist = inject('pwaDist');

let browser: Browser;
let server: ApiProcess;
let scratch: string;
let phone: Phone | undefined;
let cdp: CDPSession;
let authenticatorId: string;

beforeAll(async () => {
  browser = await launchChromium();
  const port = await freePort();
  scratch = await mkdtemp(path.join(os.tmpdir(), 'hjulet-e2e-passkey-'));
  server = await startApi(path.join(scratch, 'data'), pwaDist, { PORT: String(port), WEBAUTHN_RP_ID: 'localhost' }, 'api-passkey.log');
  phone = await newPhone(browser, `http://localhost:${port}`);
  cdp = await phone.context.newCDPSession(phone.page);
  await cdp.send('WebAuthn.enable');
  ({ authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  }));
});
afterAll(async () => {
  await browser?.close();
  if (server) await server.stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});
screenshotOnFailure('passkey', () => [phone]);

const credentials = async () => (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials;

describe('a passkey as the second factor', () => {
  it('is registered on the Security screen with the virtual authenticator', async () => {
    const page = phone!.page;
    await logIn(page, DEMO.staff);
    await page.goto('/sakerhet');
    await page.getByRole('heading', { name: 'Säkerhet' }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);

    await page.getByLabel('Namn på nyckeln').fill('Jobbtelefon');
    await page.getByRole('button', { name: 'Lägg till nyckel' }).click();
    await page.getByRole('status').filter({ hasText: 'Nyckeln är tillagd.' }).waitFor();
    await page.getByRole('list', { name: 'Nycklar (passkeys)' }).getByText('Jobbtelefon', { exact: true }).waitFor();
    expect(await credentials()).toHaveLength(1);
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it('is asked for after the password, and signs in when used', async () => {
    const page = phone!.page;
    await page.getByRole('button', { name: /konto$/ }).click();
    await page.getByRole('button', { name: 'Logga ut…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Logga ut' }).click();
    await page.getByRole('heading', { name: 'Logga in' }).waitFor();

    await submitLogin(page, DEMO.staff);
    await page.getByRole('heading', { name: 'Tvåstegsverifiering' }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);

    const signCountBefore = (await credentials())[0]?.signCount ?? 0;
    await page.getByRole('button', { name: 'Använd nyckel (passkey)' }).click();
    await page.getByRole('heading', { name: 'Brukare' }).waitFor();
    expect((await credentials())[0]?.signCount).toBeGreaterThan(signCountBefore);
  });
});

describe("the admin's rule", () => {
  it('is a checkbox on the Security screen that requires a second factor of every local account', async () => {
    const page = phone!.page;
    await page.getByRole('button', { name: /konto$/ }).click();
    await page.getByRole('button', { name: 'Logga ut…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Logga ut' }).click();
    await page.getByRole('heading', { name: 'Logga in' }).waitFor();
    // The admin has no unit, so no recipient list: signed in is the account menu showing.
    await submitLogin(page, DEMO.admin);
    await page.getByRole('button', { name: /konto$/ }).waitFor();
    await page.goto('/sakerhet');
    const rule = page.getByRole('checkbox', { name: 'Kräv tvåstegsverifiering för alla lokala konton' });
    await rule.click();
    await expect.poll(() => rule.isChecked()).toBe(true);
    expect(await accessibilityProblems(page)).toEqual([]);
    await rule.click();
    await expect.poll(() => rule.isChecked()).toBe(false);
  });
});
