import type { Page, Route } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { Api, DEMO } from './support/api.js';
import { logIn, openAttention, openOffer, phoneStores, SYNCED, waitForServiceWorker, waitForSyncStatus } from './support/app.js';
import { accessibilityProblems } from './support/axe.js';
import { snap, until, usePhone } from './support/browser.js';

const baseUrl = inject('baseUrl');
const api = new Api(baseUrl);
// Recipients of the staff user's unit (Norr) that no other browser test touches.
const GOOD = ['HT-0041', 'HT-0049'];
const POISON = 'HT-0045';
const SHOWN_REASON = 'Servern kunde inte spara just det här resultatet, men de andra har skickats.';

const thePhone = usePhone('poisoned-result', baseUrl);

/** Declines the offered review for a recipient: the quickest result a worker can queue. */
async function declineReview(page: Page, reference: string): Promise<void> {
  await openOffer(page, reference);
  await page.getByRole('button', { name: 'Nej, avböjer' }).click();
  await page.getByRole('button', { name: 'Spara avböjande' }).click();
  await page.getByRole('heading', { name: 'Brukare' }).waitFor();
}

interface SubmitBody {
  variables?: { input?: Array<{ recipientId?: string }> };
}

describe('a result the server fails on', () => {
  it('sends the good results, files the bad one under "Behöver åtgärd" with a request id, and sends it when retried', async () => {
    const phone = thePhone();
    const { context, page } = phone;
    const poison = await api.recipientByReference(DEMO.manager, POISON);
    const good = await Promise.all(GOOD.map((reference) => api.recipientByReference(DEMO.manager, reference)));
    const before = await Promise.all([poison, ...good].map(async (r) => (await api.reviewsOf(DEMO.manager, r.id)).length));

    // The server, as far as the phone can tell, fails on any batch that holds the marked review: the
    // network is the edge we stand in for (the API itself is fixed not to fail so).
    const submitted: number[] = [];
    const failedWith: string[] = [];
    const failOnPoison = async (route: Route) => {
      const body = (route.request().postDataJSON() ?? {}) as SubmitBody;
      const input = body.variables?.input;
      if (!Array.isArray(input)) return route.fallback();
      submitted.push(input.length);
      if (!input.some((review) => review.recipientId === poison.id)) return route.fallback();
      const requestId = (await route.request().headerValue('x-request-id')) ?? 'no-request-id';
      failedWith.push(requestId);
      return route.fulfill({
        status: 500,
        headers: { 'content-type': 'application/json', 'x-request-id': requestId },
        body: JSON.stringify({ data: null, errors: [{ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } }] }),
      });
    };
    await context.route('**/graphql', failOnPoison);

    await logIn(page, DEMO.staff);
    await waitForServiceWorker(page);
    await context.setOffline(true);
    for (const reference of [GOOD[0]!, POISON, GOOD[1]!]) await declineReview(page, reference);
    await waitForSyncStatus(page, /^3 väntar på synk/);

    await context.setOffline(false);
    await waitForSyncStatus(page, SYNCED);
    await until(async () => (await phoneStores(page)).outbox === 0, 'the outbox to empty');
    console.info(`poisoned result: batch sizes sent ${JSON.stringify(submitted)}, failed request ids ${failedWith.length}`);

    const after = await Promise.all([poison, ...good].map(async (r) => (await api.reviewsOf(DEMO.manager, r.id)).length));
    expect(after).toEqual([before[0], before[1]! + 1, before[2]! + 1]);
    expect(await phoneStores(page)).toMatchObject({ outbox: 0, attention: 1 });

    const item = await openAttention(page);
    expect(await item.count()).toBe(1);
    await item.getByText(POISON).waitFor();
    await item.getByText(SHOWN_REASON, { exact: false }).waitFor();
    // The server failed on it: sending it again can succeed, so "Försök igen" is offered, first.
    expect(await item.locator('.button-row button').allTextContents()).toEqual(['Försök igen', 'Ta bort resultatet']);
    await item.getByText('Detaljer för support').click();
    await item.getByText(failedWith.at(-1) ?? 'no request id', { exact: true }).waitFor();
    await snap(page, '10-server-failed-on-one');
    expect(await accessibilityProblems(page)).toEqual([]);

    // The server is mended: the worker tries again and the kept result arrives.
    await context.unroute('**/graphql', failOnPoison);
    await item.getByRole('button', { name: 'Försök igen' }).click();
    await page.getByText('Inget behöver åtgärdas.').waitFor();
    await until(async () => (await phoneStores(page)).outbox === 0, 'the retried result to leave the outbox');
    await until(async () => (await api.reviewsOf(DEMO.manager, poison.id)).length === before[0]! + 1, 'the retried result on the server');
    const stored = (await api.reviewsOf(DEMO.manager, poison.id)).map((r) => r.status);
    expect(stored).toContain('DECLINED');
    expect(phone.pageErrors).toEqual([]);
  });
});
