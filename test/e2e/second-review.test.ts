import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Api, DEMO } from './support/api.js';
import {
  completeReview,
  completeWholeReview,
  logIn,
  logOut,
  phoneStores,
  recipientButton,
  recipientStatus,
  runChecklist,
  SYNCED,
  waitForServiceWorker,
  waitForSyncStatus,
} from './support/app.js';
import { accessibilityProblems } from './support/axe.js';
import { launchChromium, newPhone, screenshotOnFailure, snap, until, type Phone } from './support/browser.js';
import { failOnApiErrors } from './support/server-log.js';
import { RISKY_HOME, SAFE_HOME, STOVE_HOME } from './support/checklist.js';

/*
 * No accidental second review: the phone knows what it just sent, every user and every phone of the unit
 * sees a recipient who had a review this period, and starting another asks why first. Each test uses
 * recipients made for it, never reviewed: the demo's all had a review this year.
 */

const baseUrl = inject('baseUrl');
const api = new Api(baseUrl);
const run = Date.now().toString(36).slice(-5).toUpperCase();
const newRecipient = (name: string) => api.createRecipient(DEMO.manager, `HT-NY-${name}-${run}`);

let browser: Browser;
const phones: Phone[] = [];
async function phone(): Promise<Phone> {
  const p = await newPhone(browser, baseUrl);
  phones.push(p);
  return p;
}

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
screenshotOnFailure('second-review', () => phones);
failOnApiErrors();

/**
 * Records every text the recipient's status shows from now on, however briefly: a MutationObserver in
 * the page sees each render, which polling could miss.
 */
async function recordStatuses(page: Page, reference: string): Promise<() => Promise<string[]>> {
  await page.evaluate((ref) => {
    const seen: string[] = [];
    (window as unknown as { statusesSeen: string[] }).statusesSeen = seen;
    const read = () => {
      const card = [...document.querySelectorAll('ul.list button.list-item')].find((b) => b.querySelector('.list-title')?.textContent === ref);
      const text = card?.querySelector('.status')?.textContent ?? '(not in the list)';
      if (seen.at(-1) !== text) seen.push(text);
    };
    new MutationObserver(read).observe(document.body, { subtree: true, childList: true, characterData: true });
    read();
  }, reference);
  return () => page.evaluate(() => [...(window as unknown as { statusesSeen: string[] }).statusesSeen]);
}

/** The GraphQL operation a request carries (the staff app sends named operations). */
const operationOf = (route: Route): string =>
  /^\s*(?:query|mutation)\s+(\w+)/.exec(String((route.request().postDataJSON() as { query?: string })?.query))?.[1] ?? '';

describe('the status of a recipient after a sync', () => {
  it('goes from "Väntar på synk" to "Klar" without showing "Inte erbjuden", though the list was fetched before the sync', async () => {
    const { context, page, pageErrors } = await phone();
    const recipient = await newRecipient('SYNK');
    await logIn(page, DEMO.staff);
    await waitForServiceWorker(page);
    expect(await recipientStatus(page, recipient.reference)).toBe('Inte erbjuden');

    await context.setOffline(true);
    await completeWholeReview(page, recipient.reference, SAFE_HOME);
    await waitForSyncStatus(page, /^1 väntar på synk/);
    expect(await recipientStatus(page, recipient.reference)).toBe('Väntar på synk');

    // As in the field: the list is refreshed when the network returns, just before the result reaches
    // the server, so the list does not show it; the next refresh is a minute away.
    let releaseSubmit = () => undefined as void;
    const referenceFetched = new Promise<void>((resolve) => (releaseSubmit = resolve));
    await context.route('**/graphql', async (route) => {
      const operation = operationOf(route);
      if (operation === 'SubmitReviews') {
        await referenceFetched;
        return route.fallback();
      }
      if (operation !== 'ReferenceData') return route.fallback();
      const response = await route.fetch();
      await route.fulfill({ response });
      releaseSubmit();
    });
    const statuses = await recordStatuses(page, recipient.reference);
    await context.setOffline(false);
    await waitForSyncStatus(page, SYNCED);
    await until(async () => (await statuses()).length > 1, 'the status to change after the sync', 30_000);
    await context.unroute('**/graphql');
    expect(await statuses()).toEqual(['Väntar på synk', 'Klar']);
    expect(await phoneStores(page)).toMatchObject({ outbox: 0, synced: 1 });

    // The next refresh shows it from the server, and the phone forgets what it kept in the meantime.
    await context.setOffline(true);
    await context.setOffline(false);
    await until(async () => (await phoneStores(page)).synced === 0, 'the reference data to show the synced review', 30_000);
    expect(await recipientStatus(page, recipient.reference)).toBe('Klar');
    expect(await statuses()).toEqual(['Väntar på synk', 'Klar']);
    expect(pageErrors).toEqual([]);
  });
});

describe('a recipient reviewed on another phone of the unit', () => {
  it('is done on every phone after its next refresh, and opening it shows that review and asks why before another one', async () => {
    const [sara, ali] = [await phone(), await phone()];
    const recipient = await newRecipient('ENHET');
    await Promise.all([logIn(sara.page, DEMO.staff), logIn(ali.page, DEMO.staff2)]);
    expect(await recipientStatus(ali.page, recipient.reference)).toBe('Inte erbjuden');

    await completeWholeReview(sara.page, recipient.reference, RISKY_HOME);
    await waitForSyncStatus(sara.page, SYNCED);
    const [original] = await api.repeatsOf(DEMO.manager, recipient.id);
    expect(original).toMatchObject({ repeatOf: null, repeatReason: null });

    // Ali's phone refreshes its list when the network comes back (or on its timer, or at start).
    await ali.context.setOffline(true);
    await ali.context.setOffline(false);
    await until(async () => (await recipientStatus(ali.page, recipient.reference)) === 'Klar', "Ali's list to show the recipient as done", 30_000);

    await recipientButton(ali.page, recipient.reference).click();
    const existing = ali.page.getByTestId('existing-review');
    await existing.getByRole('heading', { name: 'Redan erbjuden den här perioden' }).waitFor();
    const today = new Date().toLocaleDateString('sv-SE', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Stockholm' });
    expect((await existing.getByRole('listitem').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim())).toEqual([`Klar ${today}`]);
    // Nothing starts a review from here without a second step.
    expect(await ali.page.getByRole('button', { name: 'Ja, starta genomgången' }).count()).toBe(0);
    await snap(ali.page, '30-offer-existing-review');
    expect(await accessibilityProblems(ali.page)).toEqual([]);

    await ali.page.getByRole('button', { name: 'Erbjud en ny genomgång ändå' }).click();
    await ali.page.getByRole('group', { name: 'Varför behövs en ny genomgång?' }).waitFor();
    await ali.page.getByRole('radio', { name: 'Annat skäl (fritext)' }).check();
    await ali.page.getByRole('button', { name: 'Fortsätt' }).click();
    await ali.page.getByRole('alert').getByText('Skriv skälet.').waitFor();
    expect(await accessibilityProblems(ali.page)).toEqual([]);
    await ali.page.getByRole('textbox', { name: 'Annat skäl (fritext)' }).fill('Ny spis installerad efter en brand');
    await ali.page.getByRole('button', { name: 'Fortsätt' }).click();
    await ali.page.getByText('Ny genomgång samma period. Skäl: Ny spis installerad efter en brand').waitFor();
    await ali.page.getByRole('button', { name: 'Ja, starta genomgången' }).click();
    await ali.page.getByText('Avsnitt 1 av').waitFor();
    const clientId = /\/granskning\/([0-9a-f-]{36})/.exec(ali.page.url())?.[1];

    // Finished: the server keeps it, linked to the period's original, with the reason.
    await runChecklist(ali.page, STOVE_HOME);
    await completeReview(ali.page);
    await waitForSyncStatus(ali.page, SYNCED);
    const reviews = await api.repeatsOf(DEMO.manager, recipient.id);
    expect(reviews).toHaveLength(2);
    expect(reviews.find((r) => r.clientId === clientId)).toMatchObject({ repeatOf: original?.id, repeatReason: 'Ny spis installerad efter en brand' });
    expect([...sara.pageErrors, ...ali.pageErrors]).toEqual([]);
  });
});

describe('a shared phone', () => {
  it("shows the next user a recipient the previous user's queued review is waiting for, without its answers", async () => {
    const { context, page, pageErrors } = await phone();
    const recipient = await newRecipient('DELAD');
    await logIn(page, DEMO.staff);
    await waitForServiceWorker(page);
    await context.setOffline(true);
    await completeWholeReview(page, recipient.reference, RISKY_HOME);
    await waitForSyncStatus(page, /^1 väntar på synk/);
    await logOut(page);
    await context.setOffline(false);

    await logIn(page, DEMO.staff2);
    expect(await recipientStatus(page, recipient.reference)).toBe('Väntar på synk');
    await recipientButton(page, recipient.reference).click();
    const existing = page.getByTestId('existing-review');
    await existing.waitFor();
    expect((await existing.getByRole('listitem').allTextContents()).join(' ')).toMatch(/^Väntar på synk .+, gjord av en annan användare av telefonen$/);
    expect(await page.locator('main').textContent()).not.toContain(RISKY_HOME.notes);
    expect(await phoneStores(page)).toMatchObject({ outbox: 1 });
    expect(await api.reviewsOf(DEMO.manager, recipient.id)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});

describe('the recipient list', () => {
  it('puts recipients still to be offered first, filters by state, and says when it was last updated', async () => {
    const { page, pageErrors } = await phone();
    const recipient = await newRecipient('LISTA');
    await logIn(page, DEMO.staff);
    // Every demo recipient had a review this year; the new one sorts last by its reference, but comes first.
    const first = page.getByRole('list', { name: 'Brukare' }).getByRole('button').first();
    expect(await first.locator('.status').textContent()).toBe('Inte erbjuden');
    expect(await page.getByTestId('recipients-updated').textContent()).toMatch(/^Listan uppdaterad \d{2}:\d{2}$/);

    const shownStatuses = async () => page.getByRole('list', { name: 'Brukare' }).locator('.status').allTextContents();
    for (const [filter, status] of [
      ['Att erbjuda', /^(Inte erbjuden|Pågår)$/],
      ['Klara', /^Klar$/],
      ['Avböjda', /^Avböjd$/],
    ] as const) {
      const radio = page.getByRole('radio', { name: new RegExp(`^${filter} \\d+$`) });
      await radio.check();
      const count = Number(/(\d+)$/.exec((await radio.locator('xpath=..').textContent()) ?? '')?.[1]);
      await until(async () => (await shownStatuses()).every((s) => status.test(s)), `only ${filter} to be shown`);
      expect(await shownStatuses()).toHaveLength(count);
      expect(count).toBeGreaterThan(0);
    }
    await page.getByRole('radio', { name: /^Att erbjuda/ }).check();
    await recipientButton(page, recipient.reference).waitFor();
    await snap(page, '31-recipients-to-offer');
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByRole('radio', { name: /^Väntar/ }).check();
    await page.getByText('Inga brukare i den här gruppen.').waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('shows focus and the edges of cards, fields and buttons with at least 3:1 contrast', async () => {
    const { page } = await phone();
    await logIn(page, DEMO.staff);
    expect(await accessibilityProblems(page)).toEqual([]);
    // The language button sits on the brand-coloured top bar: its focus ring must show there too.
    await page.getByRole('button', { name: 'In English' }).focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('In English');
    expect(await accessibilityProblems(page)).toEqual([]);
  });
});
