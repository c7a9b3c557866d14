import type { Locator, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { DEMO } from './support/api.js';
import { REPEAT_REASON, logIn, openOffer, phoneRecord, phoneUserId, recipientButton, sectionNumber, startReview } from './support/app.js';
import { snap, until, usePhone } from './support/browser.js';

/*
 * Nothing typed is lost (issue 8, point 3): free text is saved while it is typed, within 500 ms of the last
 * key, not only when the field is left. Each test types into a field, waits until the phone holds the text
 * while the field still has focus (no blur, no navigation), closes or reloads the page, and finds the text
 * when the screen is opened again. The reasons typed in the "needs attention" dialogs are checked the same
 * way in refusals.test.ts.
 */

const baseUrl = inject('baseUrl');
const thePhone = usePhone('typed-text', baseUrl);

// Nothing here is sent to the server: the drafts stay on the phone, which a new browser context forgets.
const NOTE_RECIPIENT = 'HT-0001';
const DECLINE_RECIPIENT = 'HT-0005';

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

async function toLastSection(page: Page): Promise<void> {
  for (;;) {
    const { index, count } = await sectionNumber(page);
    if (index === count) return;
    await page.getByRole('button', { name: 'Nästa' }).click();
    await page.getByText(`Avsnitt ${index + 1} av ${count}`).waitFor();
  }
}

describe('text typed but not yet left', () => {
  it('keeps a note when the page is closed in the middle of typing it', async () => {
    const phone = thePhone();
    const first = phone.page;
    await logIn(first, DEMO.staff);
    const clientId = await startReview(first, NOTE_RECIPIENT);
    await toLastSection(first);
    const note = 'Hög tröskel till badrummet, närstående hjälper till';
    const field = first.getByRole('textbox', { name: 'Övriga iakttagelser' });
    await field.click();
    await first.keyboard.type(note, { delay: 20 });

    // Saved while the field still has focus: without a blur, the text is on disk.
    await until(
      async () => (await phoneRecord<{ answers: Record<string, string> }>(first, 'drafts', clientId))?.answers['notes'] === note,
      'the note on the phone',
    );
    expect(await focusedId(first)).toBe('item-notes');
    await first.close();

    const page = await phone.context.newPage();
    await page.goto('/');
    await recipientButton(page, NOTE_RECIPIENT).click();
    await page.getByRole('button', { name: 'Fortsätt genomgången' }).click();
    await toLastSection(page);
    expect(await page.getByRole('textbox', { name: 'Övriga iakttagelser' }).inputValue()).toBe(note);
    await snap(page, '20-note-kept');
    expect(phone.pageErrors).toEqual([]);
  });

  it('keeps a decline reason of its own when the page is reloaded in the middle of typing it', async () => {
    const phone = thePhone();
    const page = phone.context.pages()[0] ?? (await phone.context.newPage());
    await page.goto('/');
    // Every demo recipient has a review this period already: openOffer gives the reason for another.
    await openOffer(page, DECLINE_RECIPIENT);
    await page.getByRole('button', { name: 'Nej, avböjer' }).click();
    await page.getByRole('radio', { name: 'Annat skäl (fritext)' }).check();
    const reason = 'Dottern går igenom det med brandförsvaret i maj';
    await page.getByRole('textbox', { name: 'Annat skäl (fritext)' }).click();
    await page.keyboard.type(reason, { delay: 20 });

    const userId = await phoneUserId(page);
    const key = `text:${userId}:decline:${(/\/brukare\/([^/]+)$/.exec(page.url()) ?? [])[1]}`;
    await until(async () => (await phoneRecord<{ value: string }>(page, 'meta', key))?.value.includes(reason) === true, 'the decline reason on the phone');
    expect(await focusedId(page)).toBe('other-reason');
    await page.reload();

    await pastRepeatQuestion(page, page.getByRole('group', { name: 'Skäl' }));
    expect(await page.getByRole('radio', { name: 'Annat skäl (fritext)' }).isChecked()).toBe(true);
    expect(await page.getByRole('textbox', { name: 'Annat skäl (fritext)' }).inputValue()).toBe(reason);

    // Going back abandons the form, and its text with it.
    await page.getByRole('button', { name: 'Tillbaka' }).click();
    await until(async () => (await phoneRecord(page, 'meta', key)) === undefined, 'the abandoned decline reason to be forgotten');
    await page.reload();
    await pastRepeatQuestion(page, page.getByRole('button', { name: 'Nej, avböjer' }));
    expect(phone.pageErrors).toEqual([]);
  });
});

/**
 * After a reload, the offer of another review this period asks its reason again (the decline typed so far
 * is kept on the phone meanwhile): answers it, then waits for `target`.
 */
async function pastRepeatQuestion(page: Page, target: Locator): Promise<void> {
  const another = page.getByRole('button', { name: 'Erbjud en ny genomgång ändå' });
  await target.or(another).first().waitFor();
  if (await another.isVisible()) {
    await another.click();
    await page.getByRole('radio', { name: REPEAT_REASON }).check();
    await page.getByRole('button', { name: 'Fortsätt' }).click();
  }
  await target.waitFor();
}
