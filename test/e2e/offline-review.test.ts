import { describe, expect, inject, it } from 'vitest';
import { Api, DEMO } from './support/api.js';
import {
  completeReview,
  logIn,
  phoneStores,
  runChecklist,
  startReview,
  summaryRisks,
  SYNCED,
  tick,
  waitForServiceWorker,
  waitForSyncStatus,
} from './support/app.js';
import { snap, usePhone } from './support/browser.js';
import { RISKY_HOME } from './support/checklist.js';

const baseUrl = inject('baseUrl');
const api = new Api(baseUrl);
const RECIPIENT = 'HT-0001';

const thePhone = usePhone('offline-review', baseUrl);

describe('a safety review done with no network', () => {
  it('opens offline after the first visit, completes a review offline, and syncs it exactly once', async () => {
    const phone = thePhone();
    const { context, page } = phone;
    const recipient = await api.recipientByReference(DEMO.manager, RECIPIENT);
    const before = await api.reviewsOf(DEMO.manager, recipient.id);

    await page.goto('/');
    await snap(page, '01-login');
    await logIn(page, DEMO.staff);
    await waitForServiceWorker(page);

    await context.setOffline(true);
    const reload = await page.reload();
    expect(reload?.fromServiceWorker()).toBe(true);
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null && !navigator.onLine)).toBe(true);
    await page.getByRole('heading', { name: 'Brukare' }).waitFor();
    await snap(page, '02-recipients-offline');

    const clientId = await startReview(page, RECIPIENT);
    await snap(page, '03-review-section');
    const answers = await runChecklist(page, RISKY_HOME);
    expect(answers['stove_guard'], 'the stove guard question appears after a forgotten stove').toBe('no');

    const texts = await api.templateItemTexts(DEMO.manager);
    await page.getByText('4 risker hittades').waitFor();
    const shownRisks = await summaryRisks(page);
    expect(shownRisks).toEqual(RISKY_HOME.expectedRisks.map((key) => texts.get(key)));

    const alarmRisk = page.locator('main ul.risks > li').filter({ has: page.getByRole('heading', { name: texts.get('alarm_present') }) });
    const suggestion = alarmRisk.getByRole('checkbox').first();
    const agreedWhat = (await alarmRisk.locator('.suggestion label.check span').first().textContent()) ?? '';
    await tick(suggestion);
    const actor = await alarmRisk.getByRole('group', { name: 'Vem åtgärdar' }).locator('input[type=radio]:checked').inputValue();
    await tick(page.getByRole('checkbox', { name: 'Brukaren samtycker till att uppgifterna delas med räddningstjänsten' }));
    await snap(page, '04-summary');

    await completeReview(page);
    await waitForSyncStatus(page, /^1 väntar på synk/);
    await snap(page, '05-completed-offline');
    expect(await api.reviewsOf(DEMO.manager, recipient.id)).toHaveLength(before.length);

    await context.setOffline(false);
    await waitForSyncStatus(page, SYNCED);
    await snap(page, '06-synced');
    expect(await phoneStores(page)).toMatchObject({ drafts: 0, outbox: 0, attention: 0 });

    const after = await api.reviewsOf(DEMO.manager, recipient.id);
    expect(after).toHaveLength(before.length + 1);
    const stored = after.filter((r) => r.clientId === clientId);
    expect(stored).toHaveLength(1);
    const review = stored[0]!;
    expect(review.status).toBe('COMPLETED');
    expect(review.performedById).toBe((await api.as(DEMO.staff)).userId);
    expect(review.consentToShareWithFireService).toBe(true);
    expect(Object.fromEntries(review.answers.map((a) => [a.itemKey, a.value]))).toEqual(answers);
    // The API lists risks by item key, the summary in template order: the same set either way.
    expect(review.risks.map((r) => texts.get(r.itemKey)).sort()).toEqual([...shownRisks].sort());
    expect(review.risks.map((r) => [r.itemKey, r.severity]).sort()).toEqual([
      ['alarm_present', 'HIGH'],
      ['lighting', 'MEDIUM'],
      ['stove_forgotten', 'HIGH'],
      ['stove_guard', 'HIGH'],
    ]);
    expect(review.actions.map(({ what, actor, status }) => ({ what, actor, status }))).toEqual([
      { what: agreedWhat, actor: actor.toUpperCase(), status: 'OPEN' },
    ]);
    expect(phone.pageErrors).toEqual([]);
  });
});
