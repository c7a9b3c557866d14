import { describe, expect, inject, it } from 'vitest';
import { DEMO } from './support/api.js';
import { answer, itemGroup, logIn, recipientButton, sectionNumber, startReview } from './support/app.js';
import { snap, usePhone, type Phone } from './support/browser.js';
import { BUTTON_LABEL, type Choice } from './support/checklist.js';

const baseUrl = inject('baseUrl');
const RECIPIENT = 'HT-0005';

const thePhone = usePhone('resume-draft', baseUrl);

const SECTION_1: Record<string, Choice> = { alarm_present: 'yes', alarm_tested: 'no', alarm_perceived: 'not_applicable', alarm_placement: 'yes' };
const SECTION_2: Record<string, Choice> = { call_112: 'no' };

async function chosen(page: Phone['page'], itemKey: string): Promise<string | null> {
  const radios = itemGroup(page, itemKey).getByRole('radio');
  for (const radio of await radios.all()) {
    if (await radio.isChecked()) return (await radio.locator('xpath=..').textContent()) ?? '';
  }
  return null;
}

describe('a review interrupted halfway', () => {
  it('keeps every answer when the page is closed in the middle of the review and opened again', async () => {
    const phone = thePhone();
    const { context } = phone;
    const first = phone.page;
    await logIn(first, DEMO.staff);
    const clientId = await startReview(first, RECIPIENT);

    for (const [key, choice] of Object.entries(SECTION_1)) await answer(first, key, choice);
    await first.getByRole('button', { name: 'Nästa' }).click();
    await first.getByText(/^Avsnitt 2 av \d+$/).waitFor();
    for (const [key, choice] of Object.entries(SECTION_2)) await answer(first, key, choice);
    // Closed the moment the last tap shows: no blur, no navigation, nothing else to save it.
    await first.close();

    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('heading', { name: 'Brukare' }).waitFor();
    await recipientButton(page, RECIPIENT).getByText('Pågår').waitFor();
    await recipientButton(page, RECIPIENT).click();
    await page.getByRole('button', { name: 'Fortsätt genomgången' }).click();
    expect(await sectionNumber(page)).toMatchObject({ index: 2 });
    expect(page.url()).toContain(`/granskning/${clientId}`);
    expect(await chosen(page, 'call_112')).toBe(BUTTON_LABEL.no);
    await snap(page, '07-resumed-review');

    await page.getByRole('button', { name: 'Föregående' }).click();
    await page.getByText(/^Avsnitt 1 av \d+$/).waitFor();
    for (const [key, choice] of Object.entries(SECTION_1)) expect(await chosen(page, key), key).toBe(BUTTON_LABEL[choice]);
    expect(phone.pageErrors).toEqual([]);
  });
});
