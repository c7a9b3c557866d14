import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { reviewInput } from '@hjulet/api/test-support/factories.js';
import { startWebhookReceiver, type WebhookReceiver } from '@hjulet/api/test-support/webhook-receiver.js';
import type { ApiProcess } from '../support/api-process.js';
import { startApi } from './global-setup.js';
import { Api, DEMO } from './support/api.js';
import { submitLogin } from './support/app.js';
import { accessibilityProblems } from './support/axe.js';
import { launchChromium, newPhone, screenshotOnFailure, snap, until, type Phone } from './support/browser.js';
import { failOnApiErrors } from './support/server-log.js';

/*
 * Issue 10 §5, the admin's side of partner webhooks (/kvalitet/webhookar): the admin registers the fire
 * service's endpoint and is shown its signing secret once, sees a delivery the endpoint kept refusing in
 * the dead letter, and redelivers it; the endpoint then gets it, signed with that secret. Swedish and
 * English, checked with axe-core. Its own API, with one retry a second apart, so that a delivery dies
 * within the test (the shared API retries for hours, as in production).
 */

const pwaDist = inject('pwaDist');
const PARTNER = `Räddningstjänsten webhook-e2e ${randomUUID().slice(0, 4)}`;
const LOG = 'api-webhooks.log';

let browser: Browser;
let laptop: Phone | undefined;
let server: ApiProcess;
let scratch: string;
let receiver: WebhookReceiver;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  receiver.failAlways(true);
  scratch = await mkdtemp(path.join(os.tmpdir(), 'hjulet-e2e-webhooks-'));
  server = await startApi(
    path.join(scratch, 'data'),
    pwaDist,
    { WEBHOOK_RETRY_LIMIT: '1', WEBHOOK_RETRY_DELAY_SECONDS: '1', WEBHOOK_POLL_MS: '500', WEBHOOK_PERIOD_CHECK_MS: '0' },
    LOG,
  );
  browser = await launchChromium();
  laptop = await newPhone(browser, server.url);
  await laptop.page.setViewportSize({ width: 1280, height: 800 });
});
afterAll(async () => {
  await browser?.close();
  if (server) await server.stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
  await receiver?.close();
});
screenshotOnFailure('webhook-deliveries', () => [laptop]);
failOnApiErrors(LOG);

describe('partner webhooks, as an admin', () => {
  it('registers an endpoint, sees a dead delivery and redelivers it, in Swedish and English', async () => {
    const api = new Api(server.url);
    const admin = await api.as(DEMO.admin);
    const staff = await api.as(DEMO.staff);
    const { organisation, templates } = await api.request<{
      organisation: { areas: Array<{ id: string }> };
      templates: Array<{ key: string; latestPublished: { id: string } | null }>;
    }>('{ organisation { areas { id } } templates { key latestPublished { id } } }', {}, admin.token);
    const areaId = organisation.areas[0]?.id as string;
    await api.request(
      'mutation($input: RegisterPartnerClientInput!) { registerPartnerClient(input: $input) { clientId } }',
      { input: { name: PARTNER, organisationNumber: '222000-1230', areaIds: [areaId], scopes: ['REFERRALS_READ'] } },
      admin.token,
    );

    const page = (laptop as Phone).page;
    await page.goto('/');
    await submitLogin(page, DEMO.admin);
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('button', { name: 'Kvalitet' }).click();
    await page.getByRole('button', { name: 'Webhookar till partner' }).click();
    await page.getByRole('heading', { name: 'Webhookar till partner', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Registrera mottagare' }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);

    // A plain-http address that is not the loopback is refused at the field; nothing is registered.
    await page.getByLabel('Partnerklient').selectOption({ label: PARTNER });
    await page.getByLabel('Mottagarens adress (URL)').fill('http://brand.example.se/hooks');
    await page.getByRole('button', { name: 'Registrera', exact: true }).click();
    await page
      .getByRole('alert')
      .getByText(/måste använda https|must use https/i)
      .waitFor();
    expect(await page.getByLabel('Mottagarens adress (URL)').getAttribute('aria-invalid')).toBe('true');
    expect(await accessibilityProblems(page)).toEqual([]);

    await page.getByLabel('Mottagarens adress (URL)').fill(receiver.url);
    await page.getByRole('button', { name: 'Registrera', exact: true }).click();
    const shown = page.getByRole('status').filter({ hasText: 'Mottagaren är registrerad.' });
    await shown.waitFor();
    const secret = (await shown.locator('code').textContent()) ?? '';
    expect(secret).toMatch(/^whsec_/);
    receiver.secret = secret;
    await page.getByRole('listitem').filter({ hasText: receiver.url }).getByText('Ny remiss').waitFor();
    await snap(page, '70-webhooks-registered');
    expect(await accessibilityProblems(page)).toEqual([]);

    // A consented review with a reportable risk: a referral, whose delivery the endpoint refuses twice (both tries).
    const { createCareRecipient } = await api.request<{ createCareRecipient: { id: string } }>(
      'mutation($input: CreateCareRecipientInput!) { createCareRecipient(input: $input) { id } }',
      { input: { reference: `WH-${randomUUID().slice(0, 6)}`, unitId: staff.unitId, areaId, housingType: 'RENTED_FLAT', address: 'Brandgatan 7' } },
      admin.token,
    );
    const versionId = templates.find((t) => t.key === 'sakerhet-hjalpbehov')?.latestPublished?.id as string;
    await api.request(
      'mutation($input: [ReviewInput!]!) { submitReviews(input: $input) { outcome } }',
      { input: [reviewInput(createCareRecipient.id, versionId)] },
      staff.token,
    );
    await until(async () => receiver.received.length >= 2, 'two refused tries', 30_000);

    await page.getByLabel('Visa').selectOption({ label: 'död (alla försök misslyckades)' });
    const dead = page.getByRole('listitem').filter({ hasText: PARTNER }).filter({ hasText: 'död (alla försök misslyckades)' });
    await until(
      async () => {
        await page.getByRole('button', { name: 'Uppdatera' }).click();
        return (await dead.count()) === 1;
      },
      'the delivery in the dead letter',
      30_000,
    );
    await dead.getByText('2 försök').waitFor();
    await dead.getByText('Senaste fel: HTTP 503').waitFor();
    await snap(page, '71-webhooks-dead');
    expect(await accessibilityProblems(page)).toEqual([]);

    receiver.failAlways(false);
    await dead.getByRole('button', { name: /^Skicka igen: leverans .+ till / }).click();
    await page.getByRole('status').getByText('Leveransen är köad igen.').waitFor();
    await until(async () => receiver.accepted('referral.created').length === 1, 'the redelivered referral at the endpoint', 30_000);
    const [delivered] = receiver.accepted('referral.created');
    expect(delivered?.verified).toBe(true);
    // The same webhook-id as the refused tries: a receiver that saw it before can tell.
    expect(new Set(receiver.received.map((r) => r.id))).toEqual(new Set([delivered?.id]));

    await page.getByLabel('Visa').selectOption({ label: 'levererad' });
    await page.getByRole('listitem').filter({ hasText: PARTNER }).filter({ hasText: 'levererad' }).getByText('3 försök').waitFor();

    await page.getByRole('button', { name: 'In English' }).click();
    await page.getByRole('heading', { name: 'Partner webhooks', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Register an endpoint' }).waitFor();
    await page.getByRole('status').getByText('The delivery is queued again.').waitFor();
    await page.getByRole('listitem').filter({ hasText: PARTNER }).filter({ hasText: 'delivered' }).getByText('3 tries').waitFor();
    await page
      .getByRole('button', { name: /^Redeliver .+ to / })
      .first()
      .waitFor();
    await snap(page, '72-webhooks-en');
    expect(await accessibilityProblems(page)).toEqual([]);
    expect((laptop as Phone).pageErrors).toEqual([]);
  });
});
