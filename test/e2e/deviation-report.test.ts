import { randomUUID } from 'node:crypto';
import type { Route } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { Api, DEMO } from './support/api.js';
import { logIn, logOut, phoneStores, SYNCED, waitForServiceWorker, waitForSyncStatus } from './support/app.js';
import { accessibilityProblems } from './support/axe.js';
import { snap, until, usePhone } from './support/browser.js';

/*
 * Issue 13, deviations and lex Sarah: a deviation reported on the phone with no network goes through the
 * outbox and is stored once, even when the server's first answer is lost on the way back; the report form
 * passes axe.
 */

/** The demo lex Sarah report (apps/api/src/seed/demo-deviations.ts). */
const DEMO_LEX_SARAH_ID = '5a4a0000-0000-4000-8000-000000000001';

const baseUrl = inject('baseUrl');
const api = new Api(baseUrl);
const thePhone = usePhone('deviations', baseUrl);

interface ApiDeviation {
  id: string;
  description: string | null;
  recipientReference: string | null;
  kind: string | null;
}

const isReport = (route: Route) => /\bmutation ReportDeviation\b/.test(route.request().postData() ?? '');

async function deviationsSeenByManager(marker: string): Promise<ApiDeviation[]> {
  const { token } = await api.as(DEMO.manager);
  const data = await api.request<{ deviations: ApiDeviation[] }>(
    '{ deviations(filter: { first: 500 }) { id description recipientReference kind } }',
    {},
    token,
  );
  return data.deviations.filter((d) => d.description?.includes(marker));
}

describe('a deviation on the phone', () => {
  it('a deviation reported offline syncs once', async () => {
    const phone = thePhone();
    const { context, page } = phone;
    const marker = `Föll i hallen ${randomUUID().slice(0, 8)}`;

    await page.goto('/');
    await logIn(page, DEMO.staff);
    await waitForServiceWorker(page);
    await page.getByRole('button', { name: 'Rapportera avvikelse' }).click();
    await page.getByRole('heading', { name: 'Rapportera avvikelse', level: 1 }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);

    await context.setOffline(true);
    const reload = await page.reload();
    expect(reload?.fromServiceWorker()).toBe(true);
    await page.getByRole('heading', { name: 'Rapportera avvikelse', level: 1 }).waitFor();

    // A missförhållande is always lex Sarah: the box is ticked and cannot be unticked.
    await page.getByLabel('Vad gäller det?').selectOption({ label: 'Missförhållande eller risk för missförhållande' });
    expect(await page.getByLabel('Lex Sarah-rapport').isChecked()).toBe(true);
    expect(await page.getByLabel('Lex Sarah-rapport').isDisabled()).toBe(true);

    // What happened is required: checked on the phone, offline, by the server's rules.
    await page.getByLabel('Vad gäller det?').selectOption({ label: 'Fall' });
    await page.getByRole('button', { name: 'Spara och skicka' }).click();
    await page.getByText('Rätta det som är markerat.').waitFor();
    expect(await page.getByLabel('Vad hände?').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('deviation-description');
    expect(await accessibilityProblems(page)).toEqual([]);

    // A demo recipient by its reference: other browser tests add recipients to the unit (E2E-…, HT-NY-…), and
    // which of them sorts first depends on which tests ran before this one.
    const recipient = page.getByLabel('Brukare (om det gäller en person)');
    const reference = (await recipient.locator('option').allTextContents()).find((text) => /^HT-\d{4}$/.test(text)) ?? '';
    expect(reference).toMatch(/^HT-\d{4}$/);
    await recipient.selectOption({ label: reference });
    expect(await recipient.locator('option:checked').textContent()).toBe(reference);
    await page.getByLabel('Vad hände?').fill(marker);
    await page.getByLabel('Vad gjordes direkt? (valfritt)').fill('Hjälpte upp brukaren och ringde sjuksköterskan.');
    await page.getByRole('button', { name: 'Spara och skicka' }).click();
    await page.getByText('Avvikelsen är sparad och skickas när telefonen har nätverk.').waitFor();
    await waitForSyncStatus(page, /^1 väntar på synk/);
    expect(await phoneStores(page)).toMatchObject({ outbox: 1, attention: 0 });
    await snap(page, '95-deviation-reported-offline');
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(await deviationsSeenByManager(marker)).toEqual([]);

    // The server stores the report, but its answer never reaches the phone: the phone sends it again.
    const answers: Array<{ data?: { reportDeviation: { clientId: string } } }> = [];
    let dropAnswers = true;
    await page.route('**/graphql', async (route) => {
      if (!isReport(route)) return route.continue();
      const response = await route.fetch();
      answers.push((await response.json()) as (typeof answers)[number]);
      if (dropAnswers) return route.abort('internetdisconnected');
      return route.fulfill({ response });
    });
    await context.setOffline(false);
    await until(async () => answers.length === 1, 'the report to reach the server');
    expect(await phoneStores(page)).toMatchObject({ outbox: 1, attention: 0 });
    dropAnswers = false;
    await waitForSyncStatus(page, SYNCED);
    expect(await phoneStores(page)).toMatchObject({ outbox: 0, attention: 0 });
    const clientIds = new Set(answers.map((a) => a.data?.reportDeviation.clientId));
    expect(clientIds.size).toBe(1);
    expect(answers.length).toBeGreaterThanOrEqual(2);

    // Stored once: the unit's manager sees one report, about the person chosen, with one audit row of its making.
    const stored = await deviationsSeenByManager(marker);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ id: [...clientIds][0], kind: 'FALL', recipientReference: reference });
    const { token } = await api.as(DEMO.admin);
    const audit = await api.request<{ auditEvents: Array<{ action: string; entityType: string }> }>(
      'query($e: String!) { auditEvents(entityId: $e) { action entityType } }',
      { e: [...clientIds][0] },
      token,
    );
    expect(audit.auditEvents.filter((e) => e.entityType === 'deviation' && e.action === 'create')).toHaveLength(1);
    expect(phone.pageErrors).toEqual([]);
  });
});

describe('deviations for supervisors', () => {
  it('shows a lex Sarah report to the designated receiver with its IVO notification, and only its existence to a manager outside the group', async () => {
    const { page } = thePhone();
    await logOut(page);
    await logIn(page, DEMO.coordinator);
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('button', { name: 'Kvalitet' }).click();
    await page.getByRole('button', { name: 'Avvikelser' }).click();
    await page.getByRole('heading', { name: 'Avvikelser', level: 1 }).waitFor();
    const lexSarah = page.locator(`[data-deviation="${DEMO_LEX_SARAH_ID}"]`);
    await lexSarah.locator('[data-deviation-description]').waitFor();
    expect(await lexSarah.locator('[data-deviation-description]').textContent()).toContain('lämnats utan mat och tillsyn');
    await lexSarah.getByRole('heading', { name: 'Anmälan till IVO' }).waitFor();
    await lexSarah.getByRole('heading', { name: '3. Vad har hänt' }).waitFor();
    await snap(page, '96-deviations-lex-sarah-receiver');
    expect(await accessibilityProblems(page)).toEqual([]);
    // Its action done: the IVO notification lists it as done.
    await lexSarah.getByRole('button', { name: 'Markera som klar' }).click();
    await lexSarah.getByText('Sparat.').waitFor();
    await lexSarah.getByText(/Rutin för prioritering av insatser vid personalbrist \(senast \d{4}-\d{2}-\d{2}, klar\)/).waitFor();

    await logOut(page);
    await logIn(page, DEMO.manager);
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('button', { name: 'Kvalitet' }).click();
    await page.getByRole('button', { name: 'Avvikelser' }).click();
    const restricted = page.locator(`[data-deviation="${DEMO_LEX_SARAH_ID}"]`);
    await restricted.getByText('Lex Sarah-rapport. Innehållet visas bara för dem som tar emot lex Sarah-rapporter.').waitFor();
    expect(await page.locator('main').textContent()).not.toContain('lämnats utan mat och tillsyn');
    expect(await restricted.locator('[data-ivo]').count()).toBe(0);
    await snap(page, '97-deviations-outside-the-group');
    expect(await accessibilityProblems(page)).toEqual([]);
  });
});
