import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ApiProcess } from '../support/api-process.js';
import { startApi } from './global-setup.js';
import { Api, DEMO } from './support/api.js';
import { submitLogin } from './support/app.js';
import { accessibilityProblems } from './support/axe.js';
import { launchChromium, newPhone, screenshotOnFailure, snap, type Phone } from './support/browser.js';

/*
 * Complaints and feedback (docs/feedback.md) in the browser: the public form at /synpunkter/<kommunkod>,
 * used with the keyboard alone; its refusal once one address has sent too much (an API of this file's own
 * with a limit of 2, so the shared API's budget for 127.0.0.1 is left alone); and the staff screen, where a
 * quality coordinator routes a case and the unit's manager answers it. Every state checked with axe-core.
 */

const baseUrl = inject('baseUrl');
const pwaDist = inject('pwaDist');
const KOMMUNKOD = '0581';
const LIMIT_LOG = 'api-feedback.log';

let browser: Browser;
let phones: Phone[] = [];

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await Promise.all(phones.map((p) => p.context.close()));
  phones = [];
});
screenshotOnFailure('feedback', () => phones);

async function phone(url = baseUrl): Promise<Page> {
  const opened = await newPhone(browser, url);
  phones.push(opened);
  return opened.page;
}

/** Presses Tab until the element with `id` has the focus; answers the ids focused on the way. */
async function tabTo(page: Page, id: string): Promise<string[]> {
  const visited: string[] = [];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName || '');
    visited.push(focused);
    if (focused === id) return visited;
  }
  throw new Error(`Tab never reached #${id}; it went through ${visited.join(', ')}`);
}

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

async function logInAs(page: Page, email: string): Promise<void> {
  await page.goto('/');
  await submitLogin(page, email);
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('button', { name: 'Kvalitet' }).click();
  await page.getByRole('button', { name: 'Synpunkter och klagomål' }).click();
  await page.getByRole('heading', { name: 'Synpunkter och klagomål', level: 1 }).waitFor();
}

describe('the public feedback form', () => {
  it('is filled in and sent with the keyboard alone, shows the case number, and has no serious axe finding', async () => {
    const page = await phone();
    await page.goto(`/synpunkter/${KOMMUNKOD}`);
    await page.getByRole('heading', { name: 'Lämna synpunkter eller klagomål', level: 1 }).waitFor();
    // The login screen rendered into index.html is not shown here, for no one is asked to log in.
    expect(await page.getByRole('heading', { name: 'Logga in' }).count()).toBe(0);
    await page
      .getByRole('combobox', { name: /Vilken verksamhet/ })
      .locator('option')
      .nth(1)
      .waitFor({ state: 'attached' });
    expect(await accessibilityProblems(page)).toEqual([]);

    // Sent empty: each problem beside its field, and the focus on the first one.
    const visited = await tabTo(page, 'feedback-kind');
    await tabTo(page, 'feedback-contactPhone');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skicka');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').getByText('Rätta det som är markerat och skicka igen.').waitFor();
    await page.getByText('Välj vad det gäller.').waitFor();
    await page.getByText('Skriv vad du vill berätta.').waitFor();
    expect(await focusedId(page)).toBe('feedback-kind');
    expect(await page.getByLabel('Vad vill du berätta?').getAttribute('aria-describedby')).toContain('feedback-message-problem');
    await snap(page, '80-feedback-errors');
    expect(await accessibilityProblems(page)).toEqual([]);

    await page.keyboard.press('Space');
    expect(await page.getByRole('radio', { name: 'Klagomål' }).isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('feedback-unitId');
    await page.keyboard.press('ArrowDown');
    await tabTo(page, 'feedback-message');
    await page.keyboard.type('Ingen kom på tisdagen, och ingen ringde.');
    await tabTo(page, 'feedback-contactEmail');
    await page.keyboard.type('anna@example.se');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { name: 'Tack! Vi har tagit emot det du skrev.', level: 1 }).waitFor();
    const caseNumber = await page.locator('.case-number').textContent();
    expect(caseNumber).toMatch(/^SYN-\d{4}-\d{5}$/);
    await page.getByText(/^Vi svarar senast \d{1,2} \p{L}+ \d{4}\.$/u).waitFor();
    await snap(page, '81-feedback-receipt');
    expect(await accessibilityProblems(page)).toEqual([]);
    // The honeypot is never a tab stop.
    expect(visited).not.toContain('feedback-website');
  });

  it('refuses more feedback from one address than its limit, says how long to wait, and says it cannot send offline', async () => {
    const scratch = await mkdtemp(path.join(os.tmpdir(), 'hjulet-e2e-feedback-'));
    let server: ApiProcess | undefined;
    try {
      server = await startApi(path.join(scratch, 'data'), pwaDist, { FEEDBACK_ADDRESS_MAX_SUBMISSIONS: '2' }, LIMIT_LOG);
      const page = await phone(server.url);
      await page.goto(`/synpunkter/${KOMMUNKOD}`);
      await page.getByRole('heading', { name: 'Lämna synpunkter eller klagomål', level: 1 }).waitFor();
      // Flood through the page's own GraphQL endpoint until the API refuses.
      const codes = await page.evaluate(async (municipality) => {
        const seen: string[] = [];
        for (let i = 0; i < 5 && !seen.includes('TOO_MANY_ATTEMPTS'); i++) {
          const response = await fetch('/graphql', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              query: 'mutation($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { caseNumber } }',
              variables: { input: { kind: 'OTHER', municipality, message: `Test ${i}` } },
            }),
          });
          const body = (await response.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
          seen.push(body.errors?.[0]?.extensions?.code ?? 'OK');
        }
        return seen;
      }, KOMMUNKOD);
      expect(codes).toEqual(['OK', 'OK', 'TOO_MANY_ATTEMPTS']);

      await page.getByRole('radio', { name: 'Synpunkt eller förslag' }).check();
      await page.getByLabel('Vad vill du berätta?').fill('En till');
      await page.getByRole('button', { name: 'Skicka' }).click();
      await page
        .getByRole('alert')
        .getByText(/^Många synpunkter har skickats från den här uppkopplingen .* Försök igen om \d+ minuter, eller ring kommunen\.$/)
        .waitFor();
      // What was written stays, to send later.
      expect(await page.getByLabel('Vad vill du berätta?').inputValue()).toBe('En till');
      expect(await accessibilityProblems(page)).toEqual([]);

      // Offline, the form does not try: it says it cannot send without a connection.
      await page.context().setOffline(true);
      await page.getByRole('button', { name: 'Skicka' }).click();
      await page
        .getByRole('alert')
        .getByText(/^Du har ingen uppkoppling\. Synpunkter kan inte skickas utan uppkoppling/)
        .waitFor();
      await page.context().setOffline(false);
    } finally {
      await Promise.all(phones.map((p) => p.context.close()));
      phones = [];
      await server?.stop();
      await rm(scratch, { recursive: true, force: true });
    }
  });
});

describe('the staff screen "Synpunkter och klagomål"', () => {
  it('lets a coordinator route a case to a unit, and that unit’s manager answer it', async () => {
    const api = new Api(baseUrl);
    const manager = await api.as(DEMO.manager);
    const { organisation } = await api.request<{ organisation: { units: Array<{ id: string; name: string }> } }>(
      '{ organisation { units { id name } } }',
      {},
      manager.token,
    );
    const unitName = organisation.units.find((u) => u.id === manager.unitId)?.name as string;
    const message = `Maten var kall ${randomUUID().slice(0, 8)}`;
    const { submitFeedback } = await api.request<{ submitFeedback: { caseNumber: string } }>(
      'mutation($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { caseNumber } }',
      { input: { kind: 'COMPLAINT', municipality: KOMMUNKOD, message } },
    );
    const caseNumber = submitFeedback.caseNumber;

    const coordinator = await phone();
    await coordinator.setViewportSize({ width: 1280, height: 900 });
    await logInAs(coordinator, DEMO.coordinator);
    const item = coordinator.getByRole('listitem').filter({ hasText: caseNumber });
    await item.getByText(message).waitFor();
    await item.getByText('ingen verksamhet ännu · mottaget').waitFor();
    expect(await accessibilityProblems(coordinator)).toEqual([]);
    await item.getByLabel('Ansvarig verksamhet').selectOption({ label: unitName });
    await item.getByRole('button', { name: 'Skicka till verksamheten' }).click();
    await coordinator.getByRole('status').getByText(`${caseNumber} är skickat till ${unitName}.`).waitFor();
    await item.getByText(`${unitName} · utreds`).waitFor();

    const managerPage = await phone();
    await logInAs(managerPage, DEMO.manager);
    const managed = managerPage.getByRole('listitem').filter({ hasText: caseNumber });
    await managed.getByText(`${unitName} · utreds`).waitFor();
    // Routing is for coordinators and admins; the manager answers.
    expect(await managed.getByRole('button', { name: 'Skicka till verksamheten' }).count()).toBe(0);
    await managed.getByLabel('Vad utredningen kom fram till').fill('Värmeskåpet var trasigt; det är lagat.');
    await managed.getByLabel('Svar till den som skrev').fill('Tack för att du hörde av dig. Felet är åtgärdat.');
    await managed.getByRole('button', { name: 'Spara svaret och avsluta' }).click();
    await managerPage.getByRole('status').getByText(`${caseNumber} är besvarat och avslutat.`).waitFor();
    await managed.getByText(`${unitName} · besvarat`).waitFor();
    await snap(managerPage, '82-feedback-answered');
    expect(await accessibilityProblems(managerPage)).toEqual([]);
  });
});
