import { describe, expect, inject, it } from 'vitest';
import { Api, DEMO } from './support/api.js';
import { completeWholeReview, logIn, phoneStores, SYNCED, waitForServiceWorker, waitForSyncStatus } from './support/app.js';
import { accessibilityProblems } from './support/axe.js';
import { snap, until, usePhone } from './support/browser.js';
import { SAFE_HOME } from './support/checklist.js';

const baseUrl = inject('baseUrl');
const api = new Api(baseUrl);
const RECIPIENT = 'HT-0025';
const SERVER_REASON = 'This care recipient belongs to another unit';
// What staff read: the refusal in Swedish, with the server's own words beneath it.
const SHOWN_REASON = 'Orsak: Brukaren tillhör inte längre din enhet.';

const thePhone = usePhone('refused-result', baseUrl);

describe('a result the server refuses', () => {
  it('keeps it under "Behöver åtgärd" with the server\'s reason, and sends it once the problem is solved', async () => {
    const phone = thePhone();
    const { context, page } = phone;
    const recipient = await api.recipientByReference(DEMO.admin, RECIPIENT);
    const [norr, soder] = await Promise.all([api.unitIdByName(DEMO.admin, 'Hemtjänst Norr'), api.unitIdByName(DEMO.admin, 'Hemtjänst Söder')]);
    expect(recipient.unitId).toBe(norr);

    await logIn(page, DEMO.staff);
    await waitForServiceWorker(page);
    await context.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { name: 'Brukare' }).waitFor();
    const { clientId, answers } = await completeWholeReview(page, RECIPIENT, SAFE_HOME);
    await waitForSyncStatus(page, /^1 väntar på synk/);

    // While the phone is offline, the recipient moves to another unit.
    await api.moveRecipient(DEMO.admin, recipient.id, soder);
    await context.setOffline(false);
    await waitForSyncStatus(page, SYNCED);
    const attentionLink = page.getByRole('button', { name: '1 behöver åtgärd' });
    await attentionLink.click();
    await page.getByRole('heading', { name: 'Behöver åtgärd' }).waitFor();
    const item = page.getByTestId('attention-item');
    await item.getByText(SHOWN_REASON).waitFor();
    await item.getByText(`Serverns svar: ${SERVER_REASON}`).waitFor();
    await item.getByText(RECIPIENT).waitFor();
    expect(await item.count()).toBe(1);
    await snap(page, '09-needs-attention');
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(await phoneStores(page)).toMatchObject({ outbox: 0, attention: 1 });
    // Had the server taken it, the review would sit with the recipient's unit now: Söder. Nor is it in Norr.
    expect((await api.reviewsOf(DEMO.managerSoder, recipient.id)).filter((r) => r.clientId === clientId)).toEqual([]);
    expect((await api.reviewsOf(DEMO.manager, recipient.id)).filter((r) => r.clientId === clientId)).toEqual([]);

    // Not dropped: still there after the app is opened again.
    await page.reload();
    await page.getByRole('heading', { name: 'Behöver åtgärd' }).waitFor();
    await page.getByTestId('attention-item').getByText(SHOWN_REASON).waitFor();

    // The manager moves the recipient back; the user tries again and the kept result arrives intact.
    await api.moveRecipient(DEMO.admin, recipient.id, norr);
    await page.getByTestId('attention-item').getByRole('button', { name: 'Försök igen' }).click();
    await page.getByText('Inget behöver åtgärdas.').waitFor();
    // The bar already said "Synkat" before the retry: wait for the result to leave the phone instead.
    await until(async () => (await phoneStores(page)).outbox === 0, 'the retried result to leave the outbox');
    expect(await phoneStores(page)).toMatchObject({ outbox: 0, attention: 0 });
    await waitForSyncStatus(page, SYNCED);
    await page.getByRole('button', { name: /behöver åtgärd/ }).waitFor({ state: 'detached' });
    const stored = (await api.reviewsOf(DEMO.manager, recipient.id)).filter((r) => r.clientId === clientId);
    expect(stored.map((r) => r.status)).toEqual(['COMPLETED']);
    expect(Object.fromEntries(stored[0]!.answers.map((a) => [a.itemKey, a.value]))).toEqual(answers);
    expect(phone.pageErrors).toEqual([]);
  });
});
