import type { Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD } from './api.js';
import { until } from './browser.js';
import { BUTTON_LABEL, type ChecklistScript, type Choice } from './checklist.js';

/*
 * The staff app driven the way a person uses it: by the texts and roles on the screen (Swedish UI).
 * Waits are on what the screen shows, never on fixed sleeps.
 */

export const exact = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

export async function logIn(page: Page, email: string): Promise<void> {
  await page.goto('/');
  await page.getByRole('heading', { name: 'Logga in' }).waitFor();
  await page.getByLabel('E-post').fill(email);
  await page.getByLabel('Lösenord').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.getByRole('heading', { name: 'Brukare' }).waitFor();
  // The unit's recipients arrive from the API and are kept on the phone for offline use.
  await page.getByRole('list', { name: 'Brukare' }).getByRole('button').first().waitFor();
}

/** Opens the app on the recipient list, logging in first if nobody is logged in on the phone. */
export async function openApp(page: Page, email: string): Promise<void> {
  await page.goto('/');
  const list = page.getByRole('heading', { name: 'Brukare' });
  await list.or(page.getByRole('heading', { name: 'Logga in' })).waitFor();
  if (!(await list.isVisible())) await logIn(page, email);
}

/** Resolves when this origin's service worker has installed (precached the app shell) and activated. */
export async function waitForServiceWorker(page: Page, timeoutMs = 30_000): Promise<void> {
  let state = '';
  await until(
    async () => {
      state = await page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        if (!registration) return 'not registered';
        return `installing: ${registration.installing?.state}, waiting: ${registration.waiting?.state}, active: ${registration.active?.state}`;
      });
      return state.endsWith('active: activated');
    },
    'the service worker to activate',
    timeoutMs,
  ).catch((error: Error) => {
    throw new Error(`${error.message} (${state})`);
  });
}

export const syncStatus = (page: Page): Locator => page.getByTestId('sync-status');

/** Waits until the sync bar's text matches, and returns it. */
export async function waitForSyncStatus(page: Page, pattern: RegExp, timeoutMs = 30_000): Promise<string> {
  let last = '';
  await until(
    async () => {
      last = (await syncStatus(page).textContent()) ?? '';
      return pattern.test(last);
    },
    `the sync bar to match ${pattern}`,
    timeoutMs,
  ).catch((error: Error) => {
    throw new Error(`${error.message}; it says "${last}"`);
  });
  return last;
}

export const SYNCED = /^Synkat \d{2}:\d{2}$/;

/** A recipient in the list (named "Brukare", or "Clients" in English). */
export function recipientButton(page: Page, reference: string, listName = 'Brukare'): Locator {
  return page.getByRole('list', { name: listName }).getByRole('button', { name: new RegExp(`^${reference}\\b`) });
}

/** The reason `openOffer` gives when the recipient was already offered a review this period. */
export const REPEAT_REASON = 'Brukaren har flyttat';

/**
 * From the recipient list: open the recipient and get to the offer (accept or decline). A recipient who
 * already had a review this period (most of the demo's) is offered another one, with `reason`.
 */
export async function openOffer(page: Page, reference: string, reason = REPEAT_REASON): Promise<void> {
  await recipientButton(page, reference).click();
  await page.getByRole('heading', { name: reference }).waitFor();
  const accept = page.getByRole('button', { name: 'Ja, starta genomgången' });
  const another = page.getByRole('button', { name: 'Erbjud en ny genomgång ändå' });
  await accept.or(another).first().waitFor();
  if (await another.isVisible()) {
    await another.click();
    await page.getByRole('radio', { name: reason }).check();
    await page.getByRole('button', { name: 'Fortsätt' }).click();
    await accept.waitFor();
  }
}

/** From the recipient list: open the recipient, accept the offer; returns the review's client id. */
export async function startReview(page: Page, reference: string): Promise<string> {
  await openOffer(page, reference);
  await page.getByRole('button', { name: 'Ja, starta genomgången' }).click();
  await page.getByText('Avsnitt 1 av').waitFor();
  const clientId = /\/granskning\/([0-9a-f-]{36})/.exec(page.url())?.[1];
  if (!clientId) throw new Error(`No review id in ${page.url()}`);
  return clientId;
}

/** The item's answer buttons: the fieldset whose legend is the question. */
export const itemGroup = (page: Page, itemKey: string): Locator => page.locator(`fieldset[data-item="${itemKey}"]`);

/** Taps an answer and waits until the screen shows it chosen (the app shows it only once it is saved). */
export async function answer(page: Page, itemKey: string, choice: Choice): Promise<void> {
  const radio = itemGroup(page, itemKey).getByRole('radio', { name: exact(BUTTON_LABEL[choice]) });
  await radio.click();
  await until(() => radio.isChecked(), `${itemKey} to show ${choice} as chosen`);
}

export async function sectionNumber(page: Page): Promise<{ index: number; count: number }> {
  const text = (await page.getByText(/^Avsnitt \d+ av \d+$/).textContent()) ?? '';
  const [, index, count] = /Avsnitt (\d+) av (\d+)/.exec(text) ?? [];
  return { index: Number(index), count: Number(count) };
}

/** Answers every item shown on the current section (items that appear after an answer too). */
export async function answerSection(page: Page, script: ChecklistScript, answered: Record<string, string>): Promise<void> {
  for (;;) {
    const keys = await page.locator('main fieldset[data-item]').evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset['item'] ?? ''));
    const next = keys.find((key) => !(key in answered));
    if (!next) break;
    const choice = script.choices[next];
    if (!choice) throw new Error(`The script has no answer for ${next}`);
    await answer(page, next, choice);
    answered[next] = choice;
  }
  const notes = page.locator('main textarea#item-notes');
  if (script.notes && (await notes.count()) > 0) {
    await notes.fill(script.notes);
    await notes.blur();
    answered['notes'] = script.notes;
  }
}

/** Runs the whole checklist section by section and opens the summary; returns the answers given. */
export async function runChecklist(page: Page, script: ChecklistScript, onSection?: (index: number) => Promise<void>): Promise<Record<string, string>> {
  const answered: Record<string, string> = {};
  for (;;) {
    const { index, count } = await sectionNumber(page);
    await answerSection(page, script, answered);
    await onSection?.(index);
    if (index === count) break;
    await page.getByRole('button', { name: 'Nästa' }).click();
    await page.getByText(`Avsnitt ${index + 1} av ${count}`).waitFor();
  }
  await page.getByRole('button', { name: 'Till sammanfattning' }).click();
  await page.getByRole('heading', { name: 'Sammanfattning' }).waitFor();
  return answered;
}

/** The risk headings (item questions) the summary lists. */
export async function summaryRisks(page: Page): Promise<string[]> {
  return page.locator('main ul.risks > li h2').allTextContents();
}

/** Ticks a checkbox that the app saves before it shows, and waits until it shows ticked. */
export async function tick(checkbox: Locator): Promise<void> {
  await checkbox.click();
  await until(() => checkbox.isChecked(), 'the checkbox to show ticked');
}

/** Completes the review from the summary: the result goes to the outbox. */
export async function completeReview(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Slutför genomgången' }).click();
  await page.getByText('Klart! Resultatet skickas när telefonen har uppkoppling.').waitFor();
}

/** Runs a review with no agreed actions and no consent, from the recipient list back to it. */
export async function completeWholeReview(
  page: Page,
  reference: string,
  script: ChecklistScript,
): Promise<{ clientId: string; answers: Record<string, string> }> {
  const clientId = await startReview(page, reference);
  const answers = await runChecklist(page, script);
  await completeReview(page);
  await page.getByRole('button', { name: 'Till brukarlistan' }).click();
  await page.getByRole('heading', { name: 'Brukare' }).waitFor();
  return { clientId, answers };
}

/**
 * Opens "Behöver åtgärd" from the sync bar and returns its refused results. The screen's heading shows
 * before it has read the phone's stores, so this waits for the list itself: counting at the heading races
 * the read.
 */
export async function openAttention(page: Page, count = 1): Promise<Locator> {
  await page.getByRole('button', { name: `${count} behöver åtgärd` }).click();
  await page.getByRole('heading', { name: 'Behöver åtgärd' }).waitFor();
  const items = page.getByTestId('attention-item');
  await items.nth(count - 1).waitFor();
  return items;
}

/** The status a recipient's card in the list shows now ("Inte erbjuden", "Klar", …). */
export async function recipientStatus(page: Page, reference: string): Promise<string> {
  return ((await recipientButton(page, reference).locator('.status').textContent()) ?? '').trim();
}

/** Counts of this phone's IndexedDB stores: what is really waiting, whatever the screen says. */
export async function phoneStores(page: Page): Promise<{ drafts: number; outbox: number; attention: number; synced: number }> {
  return page.evaluate(
    () =>
      new Promise<{ drafts: number; outbox: number; attention: number; synced: number }>((resolve, reject) => {
        const open = indexedDB.open('hjulet');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const stores = (['drafts', 'outbox', 'attention', 'synced'] as const).filter((name) => db.objectStoreNames.contains(name));
          const tx = db.transaction(stores, 'readonly');
          const counts = { drafts: 0, outbox: 0, attention: 0, synced: 0 };
          for (const store of stores) {
            const request = tx.objectStore(store).count();
            request.onsuccess = () => (counts[store] = request.result);
          }
          tx.oncomplete = () => {
            db.close();
            resolve(counts);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

/** Opens the account menu in the top bar and asks to log out; returns the confirmation dialog. */
export async function openLogoutDialog(page: Page): Promise<Locator> {
  await page
    .getByRole('banner')
    .getByRole('button', { name: / – konto$/ })
    .click();
  await page.getByRole('button', { name: 'Logga ut…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Logga ut?' });
  await dialog.waitFor();
  return dialog;
}

/** Logs out through the account menu and its confirmation, and waits for the login screen. */
export async function logOut(page: Page): Promise<void> {
  const dialog = await openLogoutDialog(page);
  await dialog.getByRole('button', { name: 'Logga ut', exact: true }).click();
  await page.getByRole('heading', { name: 'Logga in' }).waitFor();
}

/** Fills in the login form (online it logs in, offline it unlocks) and submits it. */
export async function submitLogin(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.getByLabel('E-post').fill(email);
  await page.getByLabel('Lösenord').fill(password);
  await page.getByRole('button', { name: 'Logga in' }).click();
}

/** The offline verifiers this phone keeps, as stored (what a thief with the phone's files would see). */
export async function storedVerifiers(page: Page): Promise<Array<Record<string, unknown>>> {
  return page.evaluate(
    () =>
      new Promise<Array<Record<string, unknown>>>((resolve, reject) => {
        const open = indexedDB.open('hjulet');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('verifiers')) {
            db.close();
            resolve([]);
            return;
          }
          const request = db.transaction('verifiers', 'readonly').objectStore('verifiers').getAll();
          request.onsuccess = () => {
            db.close();
            resolve(request.result as Array<Record<string, unknown>>);
          };
          request.onerror = () => reject(request.error);
        };
      }),
  );
}

/** One record of this phone's IndexedDB, as it is on disk now (undefined when there is none). */
export async function phoneRecord<T>(page: Page, store: 'drafts' | 'outbox' | 'attention' | 'meta' | 'session', key: string): Promise<T | undefined> {
  return page.evaluate(
    ({ store, key }) =>
      new Promise<T | undefined>((resolve, reject) => {
        const open = indexedDB.open('hjulet');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const request = db.transaction(store, 'readonly').objectStore(store).get(key);
          request.onsuccess = () => {
            db.close();
            resolve(request.result as T | undefined);
          };
          request.onerror = () => reject(request.error);
        };
      }),
    { store, key },
  );
}

/** The id of the user logged in on this phone. */
export async function phoneUserId(page: Page): Promise<string> {
  const session = await phoneRecord<{ user: { id: string } }>(page, 'session', 'current');
  if (!session) throw new Error('nobody is logged in on the phone');
  return session.user.id;
}
