import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { Api, DEMO } from './support/api.js';
import {
  completeReview,
  completeWholeReview,
  logIn,
  openApp,
  openAttention,
  phoneRecord,
  phoneStores,
  phoneUserId,
  recipientButton,
  runChecklist,
  startReview,
  SYNCED,
  waitForServiceWorker,
  waitForSyncStatus,
} from './support/app.js';
import { accessibilityProblems } from './support/axe.js';
import { snap, until, usePhone } from './support/browser.js';
import { SAFE_HOME } from './support/checklist.js';

/*
 * Refusals a worker can act on (issue 8, point 4). A result the server refuses is explained in Swedish,
 * with only the actions that can work, and the server's own words behind "Detaljer för support". Every
 * path ends with the result stored where it belongs, or discarded with a reason the server records.
 */

const baseUrl = inject('baseUrl');
const api = new Api(baseUrl);
const thePhone = usePhone('refusals', baseUrl);

// Recipients of Norr made for this file, since it moves one and ends another's care.
const MOVED = 'HT-E2E-FLYTT';
const BAD_TEXT = 'HT-E2E-RATTA';
const ENDED = 'HT-E2E-AVSLUT';

beforeAll(async () => {
  for (const reference of [MOVED, BAD_TEXT, ENDED]) await api.createRecipient(DEMO.admin, reference, 'Hemtjänst Norr');
});

const actionsOf = (card: Locator) => card.locator('.button-row button').allTextContents();

async function goOfflineAndReload(page: Page): Promise<void> {
  await page.context().setOffline(true);
  await page.reload();
  await page.getByRole('heading', { name: 'Brukare' }).waitFor();
}

describe('a result the server refuses', () => {
  it('hands a result over to the unit its recipient moved to, where it is stored once and seen by that unit', async () => {
    const phone = thePhone();
    const { context, page } = phone;
    const recipient = await api.recipientByReference(DEMO.admin, MOVED);
    const [norr, soder] = await Promise.all([api.unitIdByName(DEMO.admin, 'Hemtjänst Norr'), api.unitIdByName(DEMO.admin, 'Hemtjänst Söder')]);
    expect(recipient.unitId).toBe(norr);

    await logIn(page, DEMO.staff);
    await waitForServiceWorker(page);
    await goOfflineAndReload(page);
    const { clientId, answers } = await completeWholeReview(page, MOVED, SAFE_HOME);
    await waitForSyncStatus(page, /^1 väntar på synk/);
    // While the phone is offline, the recipient moves to another unit.
    await api.moveRecipient(DEMO.admin, recipient.id, soder);
    await context.setOffline(false);
    await waitForSyncStatus(page, SYNCED);

    const card = await openAttention(page);
    expect(await card.count()).toBe(1);
    await card.getByText(MOVED).waitFor();
    await card.getByText('Brukaren tillhör nu en annan enhet.', { exact: false }).waitFor();
    // No "try again": sending it again would be refused again.
    expect(await actionsOf(card)).toEqual(['Lämna över till brukarens enhet', 'Ta bort resultatet']);
    // The server's words are for support, out of sight until asked for.
    const serverWords = card.getByText('This care recipient belongs to another unit');
    expect(await serverWords.isVisible()).toBe(false);
    await snap(page, '09-needs-attention-moved');
    expect(await accessibilityProblems(page)).toEqual([]);

    await card.getByText('Detaljer för support').click();
    await serverWords.waitFor();
    await card.getByText(/^FORBIDDEN \(RECIPIENT_OTHER_UNIT\)$/).waitFor();
    await card.getByText(/^[0-9a-f-]{36}$/).waitFor();
    await snap(page, '24-support-details');
    expect(await accessibilityProblems(page)).toEqual([]);

    await card.getByRole('button', { name: 'Lämna över till brukarens enhet' }).click();
    const dialog = page.getByRole('dialog', { name: 'Lämna över resultatet' });
    await dialog.waitFor();
    expect(await dialog.getByRole('textbox', { name: 'Skäl till överlämningen' }).inputValue()).toBe('Brukaren har flyttat till en annan enhet.');
    await snap(page, '25-hand-over-dialog');
    expect(await accessibilityProblems(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Lämna över' }).click();

    await page.getByText('Inget behöver åtgärdas.').waitFor();
    await until(async () => (await phoneStores(page)).outbox === 0, 'the hand-over to leave the phone');
    expect(await phoneStores(page)).toMatchObject({ outbox: 0, attention: 0 });
    await page.getByRole('button', { name: /behöver åtgärd/ }).waitFor({ state: 'detached' });

    // Stored where the recipient is now, as handed over from Norr; Söder's manager sees it, Norr's does not.
    expect(await api.placementOf(DEMO.managerSoder, recipient.id, clientId)).toEqual({ unitId: soder, handedOverFromUnitId: norr });
    expect(await api.placementOf(DEMO.manager, recipient.id, clientId)).toBeNull();
    const stored = (await api.reviewsOf(DEMO.managerSoder, recipient.id)).filter((r) => r.clientId === clientId);
    expect(stored.map((r) => r.status)).toEqual(['COMPLETED']);
    expect(Object.fromEntries(stored[0]!.answers.map((a) => [a.itemKey, a.value]))).toEqual(answers);
    const handOver = (await api.auditOf(DEMO.admin, recipient.id)).find((e) => e.action === 'hand_over');
    expect(handOver?.details).toMatchObject({ fromUnitId: norr, toUnitId: soder, reason: 'Brukaren har flyttat till en annan enhet.' });
    expect(phone.pageErrors).toEqual([]);
  });

  it('opens a result with an answer the server did not accept at that question, and sends it corrected', async () => {
    const phone = thePhone();
    const { page } = phone;
    await openApp(page, DEMO.staff);
    const recipient = await api.recipientByReference(DEMO.manager, BAD_TEXT);
    // Text pasted from an old document can carry an invisible control character the server refuses.
    const clientId = await startReview(page, BAD_TEXT);
    const answers = await runChecklist(page, { ...SAFE_HOME, notes: 'Lösa mattor i hallen\u0085tröskel till badet' });
    await completeReview(page);
    await page.getByRole('button', { name: 'Till brukarlistan' }).click();

    const card = await openAttention(page);
    await card.getByText('En text innehåller osynliga tecken som inte kan sparas', { exact: false }).waitFor();
    expect(await actionsOf(card)).toEqual(['Öppna och rätta', 'Ta bort resultatet']);
    expect(await accessibilityProblems(page)).toEqual([]);

    await card.getByRole('button', { name: 'Öppna och rätta' }).click();
    await page.getByText('Rätta svaret på frågan ”Övriga iakttagelser” och slutför igen.').waitFor();
    const notes = page.getByRole('textbox', { name: 'Övriga iakttagelser' });
    await until(async () => (await page.evaluate(() => document.activeElement?.id)) === 'item-notes', 'the question to correct to have focus');
    // The invisible character is taken out; the worker checks the text and finishes again.
    expect(await notes.inputValue()).toBe('Lösa mattor i hallentröskel till badet');
    await snap(page, '26-correct-answer');
    expect(await accessibilityProblems(page)).toEqual([]);

    await notes.fill('Lösa mattor i hallen, tröskel till badet');
    await notes.blur();
    await page.getByRole('button', { name: 'Till sammanfattning' }).click();
    await completeReview(page);
    await waitForSyncStatus(page, SYNCED);
    await until(async () => (await phoneStores(page)).outbox === 0, 'the corrected result to leave the phone');
    expect(await phoneStores(page)).toMatchObject({ drafts: 0, outbox: 0, attention: 0 });
    const stored = (await api.reviewsOf(DEMO.manager, recipient.id)).filter((r) => r.clientId === clientId);
    expect(stored).toHaveLength(1);
    expect(Object.fromEntries(stored[0]!.answers.map((a) => [a.itemKey, a.value]))).toEqual({ ...answers, notes: 'Lösa mattor i hallen, tröskel till badet' });
    expect(phone.pageErrors).toEqual([]);
  });

  it('discards a result that cannot be stored only once the server has recorded why, also when discarded offline', async () => {
    const phone = thePhone();
    const { context, page } = phone;
    const recipient = await api.recipientByReference(DEMO.manager, ENDED);
    await openApp(page, DEMO.staff);
    await waitForServiceWorker(page);
    await goOfflineAndReload(page);
    await recipientButton(page, ENDED).click();
    await page.getByRole('button', { name: 'Nej, avböjer' }).click();
    await page.getByRole('button', { name: 'Spara avböjande' }).click();
    await page.getByRole('heading', { name: 'Brukare' }).waitFor();
    // The care ends before the phone is back online.
    await api.deactivateRecipient(DEMO.admin, recipient.id);
    await context.setOffline(false);
    await waitForSyncStatus(page, SYNCED);

    let card = await openAttention(page);
    await card.getByText('Brukaren har inte längre några insatser', { exact: false }).waitFor();
    expect(await actionsOf(card)).toEqual(['Ta bort resultatet']);

    await card.getByRole('button', { name: 'Ta bort resultatet' }).click();
    let dialog = page.getByRole('dialog', { name: 'Ta bort resultatet' });
    await dialog.getByRole('radio', { name: 'Annat skäl (fritext)' }).check();
    const reason = 'Insatserna avslutades innan resultatet skickades';
    await dialog.getByRole('textbox', { name: 'Annat skäl (fritext)' }).click();
    await page.keyboard.type(reason, { delay: 20 });
    // The reason is kept while it is typed: a reload in the middle of typing loses none of it.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('discard-other');
    const userId = await phoneUserId(page);
    const scope = `text:${userId}:discard:`;
    await until(
      async () =>
        (await page.evaluate(
          (prefix) =>
            new Promise<boolean>((resolve) => {
              const open = indexedDB.open('hjulet');
              open.onsuccess = () => {
                const request = open.result.transaction('meta').objectStore('meta').getAll();
                request.onsuccess = () =>
                  resolve(
                    (request.result as Array<{ key: string; value: string }>).some(
                      (m) => m.key.startsWith(prefix) && m.value.includes('innan resultatet skickades'),
                    ),
                  );
              };
            }),
          scope,
        )) === true,
      'the discard reason on the phone',
    );
    await page.reload();
    card = page.getByTestId('attention-item');
    await card.getByRole('button', { name: 'Ta bort resultatet' }).click();
    dialog = page.getByRole('dialog', { name: 'Ta bort resultatet' });
    expect(await dialog.getByRole('textbox', { name: 'Annat skäl (fritext)' }).inputValue()).toBe(reason);
    await snap(page, '27-discard-dialog');
    expect(await accessibilityProblems(page)).toEqual([]);

    // Discarded offline: it waits, visibly, until the server has the reason.
    await context.setOffline(true);
    await dialog.getByRole('button', { name: 'Ta bort' }).click();
    await page.getByTestId('attention-pending').getByText('Tas bort – när servern har sparat varför').waitFor();
    expect(await phoneStores(page)).toMatchObject({ outbox: 1, attention: 0 });
    expect(await accessibilityProblems(page)).toEqual([]);

    await context.setOffline(false);
    await page.getByText('Inget behöver åtgärdas.').waitFor();
    await until(async () => (await phoneStores(page)).outbox === 0, 'the discard to leave the phone');
    const discarded = (await api.auditOf(DEMO.admin, recipient.id)).filter((e) => e.action === 'discard');
    expect(discarded).toEqual([
      expect.objectContaining({ details: expect.objectContaining({ kind: 'review', reason, refusalCode: 'BAD_USER_INPUT', recipientId: recipient.id }) }),
    ]);
    expect(await phoneRecord(page, 'meta', `${scope}${discarded[0]!.entityId}`)).toBeUndefined();
    expect(phone.pageErrors).toEqual([]);
  });
});
