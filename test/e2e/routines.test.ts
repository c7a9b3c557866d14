import type { Page, Route } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { Api, DEMO } from './support/api.js';
import { logIn, logOut, phoneStores, SYNCED, waitForServiceWorker, waitForSyncStatus } from './support/app.js';
import { accessibilityProblems } from './support/axe.js';
import { snap, until, usePhone } from './support/browser.js';

/*
 * Issue 13, processes and routines: the routines a worker reads are on the phone, so they open with no
 * network, Markdown shown as formatted text; "read and understood" made offline goes through the outbox
 * and is stored once, even when the server's first answer is lost on the way back.
 */

const baseUrl = inject('baseUrl');
const api = new Api(baseUrl);
const thePhone = usePhone('routines', baseUrl);

const TO_CONFIRM = 'Kontakt med hyresvärd vid brister';
const WITH_MARKDOWN = 'Provning av brandvarnare';

interface ApiRoutine {
  id: string;
  title: string;
  version: number;
  confirmedVersion: number | null;
}

async function routineAs(email: string, title: string): Promise<ApiRoutine> {
  const { token } = await api.as(email);
  const data = await api.request<{ routines: ApiRoutine[] }>('{ routines { id title version confirmedVersion } }', {}, token);
  const routine = data.routines.find((r) => r.title === title);
  if (!routine) throw new Error(`${email} cannot see the routine ${title}`);
  return routine;
}

/** Supervisors reach the routines from Kvalitet (the bottom menu has no room for a sixth button). */
async function openRoutinesAsSupervisor(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('button', { name: 'Kvalitet' }).click();
  await page.getByRole('button', { name: 'Rutiner', exact: true }).click();
  await page.getByRole('heading', { name: 'Rutiner', level: 1 }).waitFor();
}

const isConfirm = (route: Route) => /\bmutation ConfirmRoutine\b/.test(route.request().postData() ?? '');

describe('routines on the phone', () => {
  it('routines open offline, and a confirmation made offline syncs', async () => {
    const phone = thePhone();
    const { context, page } = phone;
    const before = await routineAs(DEMO.staff, TO_CONFIRM);
    expect(before.confirmedVersion).toBeNull();

    await page.goto('/');
    await logIn(page, DEMO.staff);
    await waitForServiceWorker(page);
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('button', { name: 'Rutiner' }).click();
    await page.getByRole('heading', { name: 'Rutiner', level: 1 }).waitFor();
    // Downloaded with the rest of the reference data at login.
    await page.getByRole('button', { name: new RegExp(TO_CONFIRM) }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);

    await context.setOffline(true);
    const reload = await page.reload();
    expect(reload?.fromServiceWorker()).toBe(true);
    await page.getByRole('heading', { name: 'Förebyggande av olycksfall i hemmet', level: 2 }).waitFor();
    await snap(page, '90-routines-offline');

    // Markdown becomes formatted text, offline too (the renderer's chunk is precached).
    await page.getByRole('button', { name: new RegExp(WITH_MARKDOWN) }).click();
    await page.getByRole('heading', { name: WITH_MARKDOWN, level: 1 }).waitFor();
    const text = page.locator('[data-routine-text]');
    await text.locator('strong', { hasText: 'en gång i månaden' }).waitFor();
    expect(await text.locator('ol > li').count()).toBe(4);
    await page.getByText('Du har bekräftat version 2.').waitFor();
    // The checklist question it belongs to, as the phone's copy of the checklist words it.
    await page.getByText(/^Finns rutin för att prova brandvarnaren/).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);

    await page.getByRole('button', { name: 'Alla rutiner' }).click();
    await page.getByRole('button', { name: new RegExp(TO_CONFIRM) }).click();
    await page.getByRole('heading', { name: TO_CONFIRM, level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Jag har läst och förstått' }).click();
    await page.getByText('Du har bekräftat version 1. Bekräftelsen skickas när telefonen har nätverk.').waitFor();
    await waitForSyncStatus(page, /^1 väntar på synk/);
    await snap(page, '91-routine-confirmed-offline');
    expect(await accessibilityProblems(page)).toEqual([]);
    expect((await routineAs(DEMO.staff, TO_CONFIRM)).confirmedVersion).toBeNull();

    // The server stores the confirmation, but its answer never reaches the phone: the phone sends it again.
    const answers: Array<{ data?: { confirmRoutine: { clientId: string } } }> = [];
    let dropAnswers = true;
    await page.route('**/graphql', async (route) => {
      if (!isConfirm(route)) return route.continue();
      const response = await route.fetch();
      answers.push((await response.json()) as (typeof answers)[number]);
      if (dropAnswers) return route.abort('internetdisconnected');
      return route.fulfill({ response });
    });
    await context.setOffline(false);
    await until(async () => answers.length === 1, 'the confirmation to reach the server');
    expect(await phoneStores(page)).toMatchObject({ outbox: 1, attention: 0 });
    dropAnswers = false;
    await waitForSyncStatus(page, SYNCED);
    expect(await phoneStores(page)).toMatchObject({ outbox: 0, attention: 0 });
    const clientIds = new Set(answers.map((a) => a.data?.confirmRoutine.clientId));
    expect(clientIds.size).toBe(1);
    expect(answers.length).toBeGreaterThanOrEqual(2);

    // Stored once: the server has version 1 as confirmed, and wrote one audit row for one stored confirmation.
    expect((await routineAs(DEMO.staff, TO_CONFIRM)).confirmedVersion).toBe(1);
    const { token } = await api.as(DEMO.admin);
    const audit = await api.request<{ auditEvents: Array<{ action: string; entityType: string }> }>(
      'query($e: String!) { auditEvents(entityId: $e) { action entityType } }',
      { e: [...clientIds][0] },
      token,
    );
    expect(audit.auditEvents.filter((e) => e.entityType === 'routine_confirmation' && e.action === 'create')).toHaveLength(1);

    // The unit manager sees it among who has confirmed.
    const { token: managerToken } = await api.as(DEMO.manager);
    const readers = await api.request<{ routineReaders: Array<{ displayName: string; confirmedCurrent: boolean }> }>(
      'query($r: UUID!) { routineReaders(routineId: $r) { displayName confirmedCurrent } }',
      { r: before.id },
      managerToken,
    );
    expect(readers.routineReaders.find((r) => r.displayName === 'Sara Personal')?.confirmedCurrent).toBe(true);
    expect(phone.pageErrors).toEqual([]);
  });

  it('shows the unit manager who of the unit has confirmed the current version', async () => {
    const { page } = thePhone();
    await logOut(page);
    await logIn(page, DEMO.manager);
    await openRoutinesAsSupervisor(page);
    await page.getByRole('button', { name: new RegExp(WITH_MARKDOWN) }).click();
    await page.getByRole('heading', { name: 'Vilka har bekräftat version 2?' }).waitFor();
    const readers = page.locator('[data-routine-readers] li');
    await readers.first().waitFor();
    expect(await readers.filter({ hasText: 'Sara Personal' }).textContent()).toMatch(/· bekräftat$/);
    expect(await readers.filter({ hasText: 'Ali Personal' }).textContent()).toContain('bekräftat version 1');
    await snap(page, '92-routine-readers');
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it('lets the unit manager write a routine for the unit, and change it into a new version', async () => {
    const { page } = thePhone();
    await openRoutinesAsSupervisor(page);
    await page.getByRole('button', { name: 'Ny rutin' }).click();
    await page.getByRole('heading', { name: 'Ny rutin', level: 1 }).waitFor();
    await page.getByLabel('Gäller').locator('option', { hasText: 'Hemtjänst Norr' }).waitFor({ state: 'attached' });
    expect(await accessibilityProblems(page)).toEqual([]);

    // Sent without a title: the field is marked and gets the focus; nothing is stored.
    await page.getByLabel('Vem').fill('Den som har kvällspasset');
    await page.getByLabel('När', { exact: true }).fill('Varje kväll');
    await page.getByLabel('Vad görs och hur', { exact: true }).fill('1. Kontrollera att spisen är av.\n2. Skriv i **journalen**.');
    await page.getByLabel('Hör till checklistans fråga').selectOption('stove_forgotten');
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByText('Rätta det som är markerat och spara igen.').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('routine-title');
    expect(await page.getByLabel('Rubrik', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await accessibilityProblems(page)).toEqual([]);

    await page.getByLabel('Rubrik', { exact: true }).fill('Spisen vid kvällsbesöket');
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByRole('heading', { name: 'Spisen vid kvällsbesöket', level: 1 }).waitFor();
    await page.locator('[data-routine-text] strong', { hasText: 'journalen' }).waitFor();
    await page.getByText(/^Händer det att spisen glöms på/).waitFor();
    const created = await routineAs(DEMO.manager, 'Spisen vid kvällsbesöket');
    expect(created.version).toBe(1);

    await page.getByRole('button', { name: 'Ändra rutinen' }).click();
    await page.getByRole('heading', { name: 'Ändra rutinen', level: 1 }).waitFor();
    await page.getByLabel('När', { exact: true }).fill('Varje kväll och natt');
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByRole('heading', { name: 'Vilka har bekräftat version 2?' }).waitFor();
    expect((await routineAs(DEMO.manager, 'Spisen vid kvällsbesöket')).version).toBe(2);
    await snap(page, '93-routine-changed');
  });
});
