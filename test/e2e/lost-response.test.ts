import type { Route } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { Api, DEMO } from './support/api.js';
import { completeWholeReview, logIn, phoneStores, SYNCED, waitForServiceWorker, waitForSyncStatus } from './support/app.js';
import { snap, until, usePhone } from './support/browser.js';
import { SAFE_HOME, STOVE_HOME } from './support/checklist.js';

const baseUrl = inject('baseUrl');
const api = new Api(baseUrl);

const thePhone = usePhone('lost-response', baseUrl);

interface SubmitAnswer {
  data: { submitReviews: Array<{ clientId: string; outcome: string }> };
}

const isSubmit = (route: Route) => /\bmutation SubmitReviews\b/.test(route.request().postData() ?? '');

describe('a sync cut off after the server stored the batch', () => {
  it('stores each review once when the phone retries a batch whose answer it never got', async () => {
    const phone = thePhone();
    const { context, page } = phone;
    await logIn(page, DEMO.staff);
    await waitForServiceWorker(page);
    await context.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { name: 'Brukare' }).waitFor();

    const reviews = [
      { reference: 'HT-0009', ...(await completeWholeReview(page, 'HT-0009', SAFE_HOME)) },
      { reference: 'HT-0013', ...(await completeWholeReview(page, 'HT-0013', STOVE_HOME)) },
    ];
    await waitForSyncStatus(page, /^2 väntar på synk/);
    const recipients = await Promise.all(reviews.map((r) => api.recipientByReference(DEMO.manager, r.reference)));
    const before = await Promise.all(recipients.map((r) => api.reviewsOf(DEMO.manager, r.id)));

    // The request reaches the server and is answered, but the answer never reaches the phone.
    const answers: SubmitAnswer[] = [];
    let dropAnswers = true;
    await page.route('**/graphql', async (route) => {
      if (!isSubmit(route)) return route.continue();
      const response = await route.fetch();
      answers.push((await response.json()) as SubmitAnswer);
      if (dropAnswers) return route.abort('internetdisconnected');
      return route.fulfill({ response });
    });

    await context.setOffline(false);
    await until(async () => answers.length === 1, 'the batch to reach the server');
    expect(answers[0]?.data.submitReviews.map((r) => [r.clientId, r.outcome])).toEqual(reviews.map((r) => [r.clientId, 'CREATED']));
    // The network is up: the server was out of reach, which the phone says, and it tries again soon.
    await waitForSyncStatus(page, /^2 väntar på synk · Kunde inte nå servern – försöker igen$/);
    await snap(page, '08-answer-lost');
    expect(await phoneStores(page)).toMatchObject({ outbox: 2, attention: 0 });

    dropAnswers = false;
    await waitForSyncStatus(page, SYNCED);
    // Every later attempt (the phone's retries may add more than one) finds both already stored.
    expect(answers.length).toBeGreaterThanOrEqual(2);
    for (const later of answers.slice(1)) {
      expect(later.data.submitReviews.map((r) => [r.clientId, r.outcome])).toEqual(reviews.map((r) => [r.clientId, 'ALREADY_STORED']));
    }
    expect(await phoneStores(page)).toMatchObject({ outbox: 0, attention: 0 });

    for (const [i, review] of reviews.entries()) {
      const after = await api.reviewsOf(DEMO.manager, recipients[i]!.id);
      expect(after, review.reference).toHaveLength(before[i]!.length + 1);
      expect(
        after.filter((r) => r.clientId === review.clientId),
        review.reference,
      ).toHaveLength(1);
    }
    expect(phone.pageErrors).toEqual([]);
  });
});
