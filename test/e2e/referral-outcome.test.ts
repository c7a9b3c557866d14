import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { reviewInput } from '@hjulet/api/test-support/factories.js';
import { Api, DEMO } from './support/api.js';
import { logIn } from './support/app.js';
import { accessibilityProblems } from './support/axe.js';
import { launchChromium, newPhone, screenshotOnFailure, type Phone } from './support/browser.js';
import { failOnApiErrors } from './support/server-log.js';

/*
 * Issue 10 §3: the home-care unit sees the fire service's outcome of a referral on the follow-up action of
 * the shared risk. The referral is made by the API (a consented review), the fire service acknowledges it
 * with its partner token, and the worker who owns the action sees the outcome on "Mina åtgärder".
 */

const baseUrl = inject('baseUrl');
const api = new Api(baseUrl);
const REFERRALS_ID = 'sha256:e77aaaae6b85a6253c8b6f3730b85398b735beeed8c1659adf6645f8e70bebdc';
const ACK_ID = 'sha256:0cf7895b2e8d1d984889ff57fe00d15392ea190682b2efa71cfdfef4d162a15e';

let browser: Browser | undefined;
let phone: Phone | undefined;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await phone?.context.close();
  await browser?.close();
});
screenshotOnFailure('referral-outcome', () => [phone]);
failOnApiErrors();

async function partnerGraphql(token: string, documentId: string, variables: Record<string, unknown>): Promise<Record<string, unknown>> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ documentId, variables }),
  });
  const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown };
  if (!body.data) throw new Error(`partner request failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

describe('a referral acknowledged by the fire service', () => {
  it("shows its outcome on the worker's follow-up action, in Swedish and English", async () => {
    const admin = await api.as(DEMO.admin);
    const staff = await api.as(DEMO.staff);
    const { organisation, templates } = await api.request<{
      organisation: { areas: Array<{ id: string }> };
      templates: Array<{ key: string; latestPublished: { id: string } | null }>;
    }>('{ organisation { areas { id } } templates { key latestPublished { id } } }', {}, admin.token);
    const areaId = organisation.areas[0]?.id as string;
    const reference = `BR-${randomUUID().slice(0, 6)}`;
    const { createCareRecipient } = await api.request<{ createCareRecipient: { id: string } }>(
      'mutation($input: CreateCareRecipientInput!) { createCareRecipient(input: $input) { id } }',
      { input: { reference, unitId: staff.unitId, areaId, housingType: 'RENTED_FLAT', address: 'Brandgatan 9, Norrköping' } },
      admin.token,
    );
    const what = 'Hyresvärden sätter upp en brandvarnare';
    const versionId = templates.find((t) => t.key === 'sakerhet-hjalpbehov')?.latestPublished?.id as string;
    // No smoke alarm (reportable, shared) and loose rugs (a fall risk, not shared); the alarm's action is the worker's.
    const review = reviewInput(createCareRecipient.id, versionId, {
      actions: [{ clientId: randomUUID(), itemKey: 'alarm_present', what, actor: 'HOME_CARE_CONTACTS_LANDLORD' }],
    });
    await api.request('mutation($input: [ReviewInput!]!) { submitReviews(input: $input) { outcome } }', { input: [review] }, staff.token);

    const { registerPartnerClient } = await api.request<{ registerPartnerClient: { clientId: string; clientSecret: string } }>(
      'mutation($input: RegisterPartnerClientInput!) { registerPartnerClient(input: $input) { clientId clientSecret } }',
      { input: { name: 'Räddningstjänsten e2e', organisationNumber: '222000-1230', areaIds: [areaId], scopes: ['REFERRALS_READ', 'REFERRALS_ACK'] } },
      admin.token,
    );
    const tokenResponse = await fetch(`${baseUrl}/oauth/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${registerPartnerClient.clientId}:${encodeURIComponent(registerPartnerClient.clientSecret)}`).toString('base64')}`,
      },
      body: 'grant_type=client_credentials',
    });
    const partnerToken = ((await tokenResponse.json()) as { access_token: string }).access_token;
    let since: string | undefined;
    let mine: string | undefined;
    for (;;) {
      const page = (await partnerGraphql(partnerToken, REFERRALS_ID, { first: 500, ...(since ? { since } : {}) }))['referrals'] as {
        cursor: string;
        hasMore: boolean;
        referrals: Array<{ id: string; address: string | null }>;
      };
      mine = page.referrals.find((r) => r.address === 'Brandgatan 9, Norrköping')?.id ?? mine;
      since = page.cursor;
      if (!page.hasMore) break;
    }
    expect(mine).toBeDefined();
    await partnerGraphql(partnerToken, ACK_ID, { id: mine, outcome: 'CONTACTED_LANDLORD' });

    if (!browser) throw new Error('no browser');
    phone = await newPhone(browser, baseUrl);
    const page = phone.page;
    await logIn(page, DEMO.staff);
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('button', { name: 'Mina åtgärder' }).click();
    await page.getByRole('heading', { name: 'Mina öppna åtgärder' }).waitFor();
    const card = page.locator('main li').filter({ hasText: what });
    await card.getByText(`Brukare ${reference}`).waitFor();
    await card.getByText('Räddningstjänsten: har kontaktat hyresvärden').waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);

    await page.getByRole('button', { name: 'In English' }).click();
    await card.getByText('Fire service: contacted the landlord').waitFor();
  });
});
