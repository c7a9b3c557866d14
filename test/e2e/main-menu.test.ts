import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO } from './support/api.js';
import { submitLogin } from './support/app.js';
import { launchChromium, newPhone, screenshotOnFailure, snap, type Phone } from './support/browser.js';
import { textShownWhole } from './support/layout.js';

/*
 * The bottom menu on a small phone (360×640), for every role and in both languages: each button lies
 * inside the screen and its label is drawn whole. Supervisors have five buttons; before this test the
 * longest word ("Uppföljning") widened its column and pushed "Hjälp" past the screen's edge.
 */

const baseUrl = inject('baseUrl');

let browser: Browser;
let phone: Phone | undefined;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await phone?.context.close();
  phone = undefined;
});
screenshotOnFailure('main-menu', () => [phone]);

describe('the bottom menu on a 360-pixel phone', () => {
  it.each([
    ['staff', DEMO.staff, 4],
    ['a unit manager', DEMO.manager, 5],
    ['a quality coordinator', DEMO.coordinator, 5],
    ['an admin', DEMO.admin, 5],
  ])('fits the screen whole for %s, in Swedish and English', async (_who, email, buttons) => {
    phone = await newPhone(browser, baseUrl);
    const { page } = phone;
    await page.goto('/');
    await submitLogin(page, email);
    await page.getByRole('heading', { name: 'Brukare' }).waitFor();
    for (const language of ['sv', 'en']) {
      if (language === 'en') {
        await page.getByRole('button', { name: 'In English' }).click();
        await page.getByRole('heading', { name: 'Clients' }).waitFor();
      }
      const menu = page.getByRole('navigation', { name: language === 'sv' ? 'Huvudmeny' : 'Main menu' });
      const items = menu.getByRole('button');
      expect(await items.count()).toBe(buttons);
      const width = page.viewportSize()?.width ?? 0;
      for (const item of await items.all()) {
        const label = (await item.textContent()) ?? '';
        const box = await item.boundingBox();
        expect({ label, inside: box !== null && box.x >= 0 && box.x + box.width <= width + 0.5 }).toEqual({ label, inside: true });
        expect(await textShownWhole(item), label).toEqual({ whole: true, why: '' });
      }
      await snap(page, `70-main-menu-${email.split('@')[0]}-${language}`);
    }
    expect(phone.pageErrors).toEqual([]);
  });
});
