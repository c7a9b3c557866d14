import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { submitLogin } from './support/app.js';
import { accessibilityProblems } from './support/axe.js';
import { launchChromium, newPhone, screenshotOnFailure, snap, type Phone } from './support/browser.js';
import { failOnApiErrors } from './support/server-log.js';

/*
 * Templates in and out in the browser (issue 10 §6, docs/interchange.md): an admin downloads the safety
 * checklist as XLSForm and as FHIR, sees every problem of a file that is not a workbook, and imports the
 * downloaded workbook back as the next version. Checked with axe-core in Swedish and English.
 */

const baseUrl = inject('baseUrl');
let browser: Browser;
let laptop: Phone;

beforeAll(async () => {
  browser = await launchChromium();
  laptop = await newPhone(browser, baseUrl);
  await laptop.page.setViewportSize({ width: 1280, height: 800 });
});
afterAll(async () => {
  await browser?.close();
});
screenshotOnFailure('template-interchange', () => [laptop]);
failOnApiErrors();

describe('checklist templates as XLSForm and FHIR, as an admin', () => {
  it('downloads a version, refuses a file that is not a workbook with its problem, and imports the workbook back', async () => {
    const { page } = laptop;
    await page.goto('/');
    await submitLogin(page, 'admin@demo.hjulet.se');
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('button', { name: 'Kvalitet' }).click();
    await page.getByRole('button', { name: 'Checklistmallar' }).click();
    await page.getByRole('heading', { name: 'Checklistmallar', level: 1 }).waitFor();
    await snap(page, '60-templates');
    expect(await accessibilityProblems(page)).toEqual([]);

    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page
        .getByRole('button', { name: /som XLSForm$/ })
        .first()
        .click(),
    ]);
    expect(xlsx.suggestedFilename()).toBe('sakerhet-hjalpbehov-v1.xlsx');
    const workbook = (await xlsx.path()) as string;
    expect((await readFile(workbook)).subarray(0, 2).toString()).toBe('PK');

    const [fhir] = await Promise.all([
      page.waitForEvent('download'),
      page
        .getByRole('button', { name: /som FHIR Questionnaire$/ })
        .first()
        .click(),
    ]);
    expect(JSON.parse(await readFile((await fhir.path()) as string, 'utf8'))).toMatchObject({ resourceType: 'Questionnaire', version: '1' });

    await page
      .getByLabel('Fil (.xlsx, högst 1 MB)')
      .setInputFiles({ name: 'formular.xlsx', mimeType: 'text/csv', buffer: Buffer.from('type,name\ninteger,n\n') });
    await page.getByRole('button', { name: 'Importera XLSForm' }).click();
    const alert = page.getByRole('alert');
    await alert.getByText('Filen importerades inte. Inget sparades.').waitFor();
    await expect(alert.locator('li').allTextContents()).resolves.toEqual([expect.stringMatching(/^file .*xlsx/)]);
    await snap(page, '61-templates-refused');
    expect(await accessibilityProblems(page)).toEqual([]);

    await page.getByLabel('Fil (.xlsx, högst 1 MB)').setInputFiles(workbook);
    await page.getByRole('button', { name: 'Importera XLSForm' }).click();
    await page.getByRole('status').getByText('Version 2 av sakerhet-hjalpbehov är importerad (utkast).').waitFor();
    await page.getByText('Version 2 (utkast)').waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);

    await page.getByRole('button', { name: 'In English' }).click();
    await page.getByRole('heading', { name: 'Checklist templates', level: 1 }).waitFor();
    await snap(page, '62-templates-en');
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(laptop.pageErrors).toEqual([]);
  });
});
