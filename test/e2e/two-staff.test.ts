import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Api, DEMO } from './support/api.js';
import { completeWholeReview, logIn, phoneStores, SYNCED, waitForServiceWorker, waitForSyncStatus } from './support/app.js';
import { launchChromium, newPhone, screenshotOnFailure, type Phone } from './support/browser.js';
import { failOnApiErrors } from './support/server-log.js';
import { RISKY_HOME, STOVE_HOME, type ChecklistScript } from './support/checklist.js';

const baseUrl = inject('baseUrl');
const api = new Api(baseUrl);

let browser: Browser;
let sara: Phone;
let ali: Phone;

beforeAll(async () => {
  browser = await launchChromium();
  [sara, ali] = await Promise.all([newPhone(browser, baseUrl), newPhone(browser, baseUrl)]);
});
afterAll(async () => {
  await browser?.close();
});
screenshotOnFailure('two-staff', () => [sara, ali]);
failOnApiErrors();

async function reviewOffline(phone: Phone, email: string, reference: string, script: ChecklistScript) {
  await logIn(phone.page, email);
  await waitForServiceWorker(phone.page);
  await phone.context.setOffline(true);
  await phone.page.reload();
  await phone.page.getByRole('heading', { name: 'Brukare' }).waitFor();
  const result = await completeWholeReview(phone.page, reference, script);
  await waitForSyncStatus(phone.page, /^1 väntar på synk/);
  return result;
}

describe('two staff of one unit, each offline on their own phone', () => {
  it('receives both reviews when the phones come back online', async () => {
    const [saraRecipient, aliRecipient] = await Promise.all([
      api.recipientByReference(DEMO.manager, 'HT-0017'),
      api.recipientByReference(DEMO.manager, 'HT-0021'),
    ]);
    const [saraBefore, aliBefore] = await Promise.all([api.reviewsOf(DEMO.manager, saraRecipient.id), api.reviewsOf(DEMO.manager, aliRecipient.id)]);

    const [saraReview, aliReview] = await Promise.all([
      reviewOffline(sara, DEMO.staff, 'HT-0017', RISKY_HOME),
      reviewOffline(ali, DEMO.staff2, 'HT-0021', STOVE_HOME),
    ]);
    await Promise.all([sara.context.setOffline(false), ali.context.setOffline(false)]);
    await Promise.all([waitForSyncStatus(sara.page, SYNCED), waitForSyncStatus(ali.page, SYNCED)]);
    expect(await phoneStores(sara.page)).toMatchObject({ outbox: 0, attention: 0 });
    expect(await phoneStores(ali.page)).toMatchObject({ outbox: 0, attention: 0 });

    const saraAfter = await api.reviewsOf(DEMO.manager, saraRecipient.id);
    const aliAfter = await api.reviewsOf(DEMO.manager, aliRecipient.id);
    expect(saraAfter).toHaveLength(saraBefore.length + 1);
    expect(aliAfter).toHaveLength(aliBefore.length + 1);

    const fromSara = saraAfter.filter((r) => r.clientId === saraReview.clientId);
    const fromAli = aliAfter.filter((r) => r.clientId === aliReview.clientId);
    expect(fromSara.map((r) => [r.status, r.performedById])).toEqual([['COMPLETED', (await api.as(DEMO.staff)).userId]]);
    expect(fromAli.map((r) => [r.status, r.performedById])).toEqual([['COMPLETED', (await api.as(DEMO.staff2)).userId]]);
    expect(fromSara[0]!.risks.map((r) => r.itemKey).sort()).toEqual([...RISKY_HOME.expectedRisks].sort());
    expect(fromAli[0]!.risks.map((r) => r.itemKey)).toEqual(STOVE_HOME.expectedRisks);
    expect([...sara.pageErrors, ...ali.pageErrors]).toEqual([]);
  });
});
