import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Api, DEMO } from './support/api.js';
import { submitLogin } from './support/app.js';
import { accessibilityProblems } from './support/axe.js';
import { launchChromium, newPhone, screenshotOnFailure, snap, type Phone } from './support/browser.js';
import { safeAnswers } from './support/checklist.js';
import { ARTIFACTS_DIR } from './support/paths.js';
import { failOnApiErrors } from './support/server-log.js';

/*
 * The quality wheel in the browser, for both supervisors' roles: the quality coordinator on a laptop
 * writes a goal from last year's lessons, follows it up, prints the kvalitetsberättelse and imports
 * Kolada values; the unit manager on a phone works on their unit's part, their overdue actions and a
 * person's risk follow-up. Every screen is checked with axe-core.
 */

const run = promisify(execFile);
const baseUrl = inject('baseUrl');
const api = new Api(baseUrl);
const COORDINATOR = 'kvalitet@demo.hjulet.se';
const year = new Date().getFullYear();
const GOAL_TEXT = `Alla brukare i ordinärt boende erbjuds säkerhetsgenomgång ${year} (e2e)`;
const LESSON = { learned: 'Nya brukare missades första månaden (e2e)', changeNext: 'Genomgången bokas vid inskrivningen (e2e)' };

let browser: Browser;
let laptop: Phone;
let phone: Phone;

beforeAll(async () => {
  browser = await launchChromium();
  laptop = await newPhone(browser, baseUrl);
  await laptop.page.setViewportSize({ width: 1280, height: 800 });
  phone = await newPhone(browser, baseUrl);
  // Last year's plan, followed up and learned from, as the coordinator would have left it.
  const { token } = await api.as(COORDINATOR);
  const { createGoal } = await api.request<{ createGoal: { id: string } }>(
    `mutation($input: CreateGoalInput!) { createGoal(input: $input) { id } }`,
    {
      input: {
        board: 'Vård- och omsorgsnämnden',
        year: year - 1,
        text: 'Förra årets mål (e2e)',
        qualityDimension: 'sakerhet',
        targetIndicator: 'COVERAGE',
        targetValue: 1,
      },
    },
    token,
  );
  const { recordFollowUp } = await api.request<{ recordFollowUp: { id: string } }>(
    `mutation($input: RecordFollowUpInput!) { recordFollowUp(input: $input) { id } }`,
    { input: { goalId: createGoal.id, period: String(year - 1), value: 0.8 } },
    token,
  );
  await api.request(
    `mutation($input: RecordLessonInput!) { recordLesson(input: $input) { id } }`,
    { input: { followUpId: recordFollowUp.id, ...LESSON } },
    token,
  );
});
afterAll(async () => {
  await browser?.close();
});
screenshotOnFailure('quality-wheel', () => [laptop, phone]);
failOnApiErrors();

async function logInAs(page: Page, email: string): Promise<void> {
  await page.goto('/');
  await page.getByRole('heading', { name: 'Logga in' }).waitFor();
  await submitLogin(page, email);
  await page.getByRole('heading', { name: 'Brukare' }).waitFor();
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('button', { name: 'Kvalitet' }).click();
  await page.getByRole('heading', { name: 'Kvalitetshjulet' }).waitFor();
}

const percent = (value: number | null) => (value === null ? '–' : new Intl.NumberFormat('sv-SE', { style: 'percent', maximumFractionDigits: 1 }).format(value));
const plain = (text: string) => text.replace(/[\s\u00a0\u202f]+/g, ' ');

describe('the quality coordinator on a laptop', () => {
  it("writes next year's goal with last year's lessons in view", async () => {
    const { page } = laptop;
    await logInAs(page, COORDINATOR);
    const lessons = page.getByRole('region', { name: `Lärdomar från ${year - 1}` });
    await lessons.getByText(LESSON.changeNext, { exact: false }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByLabel('Mål', { exact: true }).fill(GOAL_TEXT);
    await page.getByLabel('Kvalitetsdimension').selectOption('sakerhet');
    await page.getByLabel('Målindikator').selectOption('COVERAGE');
    await page.getByLabel('Målvärde').fill('100');
    await page.getByRole('button', { name: 'Spara mål' }).click();
    await page.getByRole('link', { name: GOAL_TEXT }).waitFor();
    await snap(page, '60-quality-goals');
  });

  it('follows the goal up against its target with a computed value, a lesson and an improvement action', async () => {
    const { page } = laptop;
    await page.getByRole('link', { name: GOAL_TEXT }).click();
    await page.getByRole('heading', { name: GOAL_TEXT }).waitFor();
    await page.getByLabel('Period', { exact: false }).fill(String(year));
    await page.getByRole('button', { name: 'Spara uppföljning' }).click();
    const card = page.locator('.followup').first();
    await card.getByText('(beräknat)').waitFor();
    const { token } = await api.as(COORDINATOR);
    const goals = await api.request<{ goals: Array<{ text: string; followUps: Array<{ value: number | null; met: boolean | null }> }> }>(
      `query($y: Int) { goals(year: $y) { text followUps { value met } } }`,
      { y: year },
      token,
    );
    const followUp = goals.goals.find((g) => g.text === GOAL_TEXT)?.followUps[0];
    expect(plain((await card.locator('.list-title').textContent()) ?? '')).toContain(
      plain(`${year}: ${percent(followUp?.value ?? null)} – ${followUp?.met ? 'målet nått' : 'målet inte nått'}`),
    );
    await card.getByLabel('Vad vi lärde oss').fill('Täckningen mäts bäst per kvartal');
    await card.getByLabel('Vad vi ändrar nästa år').fill('Uppföljning varje kvartal');
    await card.getByRole('button', { name: 'Spara lärdom' }).click();
    await card.getByText('Täckningen mäts bäst per kvartal → Uppföljning varje kvartal').waitFor();
    if (followUp?.met === false) {
      await card.getByLabel('Förbättringsåtgärd', { exact: true }).fill('Påminnelse till enheterna varje månad');
      await card.getByLabel('Ansvarig').selectOption({ label: 'Maria Kvalitetsutvecklare' });
      await card.getByLabel('Klart senast').fill(`${year}-12-31`);
      await card.getByRole('button', { name: 'Lägg till förbättringsåtgärd' }).click();
      await card.getByText('Påminnelse till enheterna varje månad').waitFor();
    }
    await snap(page, '61-quality-goal');
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it('prints the kvalitetsberättelse to PDF with the values the API gives', async () => {
    const { page } = laptop;
    await page.goto(`/kvalitet/rapport/${year}`);
    await page.getByRole('heading', { name: `Kvalitetsberättelse ${year}` }).waitFor();
    await page.getByRole('rowheader', { name: GOAL_TEXT }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    const { token } = await api.as(COORDINATOR);
    const { qualityReport: report } = await api.request<{
      qualityReport: {
        coverage: number | null;
        units: string[];
        risks: Array<{ category: string; found: number; withAction: number; actionsDone: number }>;
        openRiskActions: number;
        overdueRiskActions: number;
      };
    }>(
      `query($y: Int!) { qualityReport(year: $y) { coverage units risks { category found withAction actionsDone } openRiskActions overdueRiskActions } }`,
      { y: year },
      token,
    );
    const file = path.join(ARTIFACTS_DIR, 'kvalitetsberattelse.pdf');
    await writeFile(file, await page.pdf({ format: 'A4', printBackground: false }));
    const text = plain((await run('pdftotext', ['-layout', file, '-'])).stdout);
    expect(text).toContain(`Kvalitetsberättelse ${year}`);
    expect(text).toContain(plain(`Täckning ${year}: ${percent(report.coverage)}`));
    expect(text).toContain(report.units.join(', '));
    for (const row of report.risks) expect(text).toContain(`${row.category} ${row.found} ${row.withAction} ${row.actionsDone}`);
    expect(text).toContain(`Öppna åtgärder på risker: ${report.openRiskActions}, varav försenade: ${report.overdueRiskActions}`);
    expect(text).toContain('Täckningen mäts bäst per kvartal → Uppföljning varje kvartal');
    // What was reported, found and changed: the deviations' and complaints' counts, lex Sarah as a hidden count.
    const { qualityReport: records } = await api.request<{
      qualityReport: {
        deviationSummary: { total: { received: { count: number | null } } };
        feedbackSummary: { total: { received: { count: number | null } } };
      };
    }>(
      `query($y: Int!) { qualityReport(year: $y) { deviationSummary { total { received { count } } } feedbackSummary { total { received { count } } } } }`,
      { y: year },
      token,
    );
    expect(text).toContain('Avvikelser: vad som rapporterades, vad som hittades och vad som ändrades');
    expect(text).toMatch(new RegExp(`Totalt ${records.deviationSummary.total.received.count} `));
    expect(text).toContain('Lex Sarah-rapporter: –.');
    expect(text).toContain('Klagomål och synpunkter');
    expect(text).toMatch(new RegExp(`Totalt ${records.feedbackSummary.total.received.count} `));
    // The self-checks: each plan's checks planned and done, findings, with action, actions done (the demo's plan at least).
    const { qualityReport: checks } = await api.request<{
      qualityReport: { selfChecks: Array<{ planned: number; done: number; findings: number; findingsWithAction: number; actionsDone: number }> };
    }>(`query($y: Int!) { qualityReport(year: $y) { selfChecks { planned done findings findingsWithAction actionsDone } } }`, { y: year }, token);
    expect(checks.selfChecks.length).toBeGreaterThan(0);
    expect(text).toContain('Egenkontroller');
    for (const row of checks.selfChecks) expect(text).toContain(`${row.planned} ${row.done} ${row.findings} ${row.findingsWithAction} ${row.actionsDone}`);
    // The app's chrome is not printed.
    expect(text).not.toContain('Huvudmeny');
    expect(text).not.toContain('Skriv ut eller spara som PDF');
  });

  it("imports Kolada's values and shows the board its result next to others'", async () => {
    const { page } = laptop;
    await page.goto('/kvalitet/jamforelse');
    await page.getByRole('heading', { name: 'Jämförelse med andra kommuner' }).waitFor();
    const kolada = {
      count: 2,
      values: [
        { kpi: 'U21468', municipality: '0581', period: year - 1, values: [{ count: 1, gender: 'T', status: '', value: 91 }] },
        { kpi: 'U21468', municipality: '0580', period: year - 1, values: [{ count: 1, gender: 'T', status: '', value: 84.5 }] },
      ],
    };
    await page.getByLabel('Filformat').selectOption('KOLADA_JSON');
    await page
      .getByLabel('Fil', { exact: true })
      .setInputFiles({ name: 'kolada.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(kolada)) });
    await page.getByRole('button', { name: 'Importera värden' }).click();
    await page.getByRole('status').getByText('nya och').waitFor();
    const table = page.getByRole('table', { name: `Indikator U21468 · År ${year - 1}` });
    await table.getByRole('row', { name: /0581 \(vår kommun\) 91/ }).waitFor();
    await table.getByRole('row', { name: /0580 84,5/ }).waitFor();
    await page.getByLabel('Filformat').selectOption('CSV');
    await page
      .getByLabel('Fil', { exact: true })
      .setInputFiles({ name: 'fel.csv', mimeType: 'text/csv', buffer: Buffer.from('municipality,indicator,period,value\n58,x,2025,1\n') });
    await page.getByRole('button', { name: 'Importera värden' }).click();
    await page.getByRole('alert').getByText('row 2', { exact: false }).waitFor();
    await snap(page, '62-comparison');
    expect(await accessibilityProblems(page)).toEqual([]);
  });
});

describe('the unit manager on a phone', () => {
  let recipientId = '';

  beforeAll(async () => {
    // A person of Hemtjänst Norr reviewed twice: the alarm fixed, the rugs still there, candles new.
    const manager = await api.as(DEMO.manager);
    const staff = await api.as(DEMO.staff);
    const { createCareRecipient } = await api.request<{ createCareRecipient: { id: string } }>(
      `mutation($input: CreateCareRecipientInput!) { createCareRecipient(input: $input) { id } }`,
      { input: { reference: `E2E-UPPF-${Date.now()}`, unitId: manager.unitId, areaId: await firstAreaId(manager.token), housingType: 'RENTED_FLAT' } },
      manager.token,
    );
    recipientId = createCareRecipient.id;
    const { templates } = await api.request<{ templates: Array<{ key: string; latestPublished: { id: string } | null }> }>(
      `{ templates { key latestPublished { id } } }`,
      {},
      staff.token,
    );
    const versionId = templates.find((t) => t.key === 'sakerhet-hjalpbehov')?.latestPublished?.id;
    const submit = async (risky: Record<string, 'yes' | 'no'>, daysAgo: number) => {
      const answers = { ...safeAnswers(), ...risky };
      delete answers['stove_guard'];
      const performedAt = new Date(Date.now() - daysAgo * 86_400_000);
      await api.request(
        `mutation($input: [ReviewInput!]!) { submitReviews(input: $input) { outcome } }`,
        {
          input: [
            {
              clientId: crypto.randomUUID(),
              deviceId: 'e2e',
              recipientId,
              templateVersionId: versionId,
              status: 'COMPLETED',
              answers: Object.entries(answers).map(([itemKey, value]) => ({ itemKey, value })),
              consentToShareWithFireService: false,
              offeredAt: new Date(performedAt.getTime() - 60_000).toISOString(),
              performedAt: performedAt.toISOString(),
              actions: [],
            },
          ],
        },
        staff.token,
      );
    };
    await submit({ alarm_present: 'no', trip_hazards: 'yes' }, 30);
    await submit({ trip_hazards: 'yes', candles: 'yes' }, 1);
  });

  it("works on their unit's part of the goal, and falls short with an improvement action that becomes overdue", async () => {
    const { page } = phone;
    await logInAs(page, DEMO.manager);
    await page.getByRole('link', { name: GOAL_TEXT }).click();
    await page.getByRole('heading', { name: GOAL_TEXT }).waitFor();
    // Exact: the account menu's label ("Eva Enhetschef – konto") contains "Enhet" too.
    expect(await page.getByLabel('Enhet', { exact: true }).first().locator('option').allTextContents()).toEqual(['Hemtjänst Norr']);
    await page.getByLabel('Aktivitet', { exact: true }).fill('Genomgång vid inskrivning (e2e)');
    await page.getByRole('button', { name: 'Lägg till aktivitet' }).click();
    await page.getByText('Genomgång vid inskrivning (e2e)').waitFor();
    await page.getByLabel('Period', { exact: false }).fill(`${year}-Q1`);
    await page.getByLabel('Värde', { exact: false }).fill('50');
    await page.getByRole('button', { name: 'Spara uppföljning' }).click();
    const card = page.locator('.followup', { hasText: `${year}-Q1` });
    await card.getByText('målet inte nått').waitFor();
    // A unit manager sees only their own unit's follow-ups, never the administration's or another unit's.
    expect(await page.locator('.followup').count()).toBe(1);
    await card.getByLabel('Förbättringsåtgärd', { exact: true }).fill('Checklista vid inskrivning (e2e)');
    await card.getByLabel('Ansvarig').selectOption({ label: 'Eva Enhetschef' });
    await card.getByLabel('Klart senast').fill(`${year - 1}-12-31`);
    await card.getByRole('button', { name: 'Lägg till förbättringsåtgärd' }).click();
    await card.getByText('Checklista vid inskrivning (e2e)').waitFor();
    await snap(page, '63-manager-goal');
    expect(await accessibilityProblems(page)).toEqual([]);

    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('button', { name: 'Kvalitet' }).click();
    await page.getByRole('button', { name: 'Försenade åtgärder' }).click();
    await page.getByRole('heading', { name: 'Försenade åtgärder' }).waitFor();
    await page.getByText('Checklista vid inskrivning (e2e)').waitFor();
    await snap(page, '64-overdue');
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it("shows a person's earlier risks as gone or still there and a new one as new, takes a cause analysis and an event", async () => {
    const { page } = phone;
    await page.goto(`/kvalitet/riskuppfoljning/${recipientId}`);
    await page.getByRole('heading', { name: 'Riskuppföljning' }).waitFor();
    const items = page.locator('.risk-items > li');
    await items.first().waitFor();
    expect(await items.locator('.list-title').allTextContents()).toEqual([
      'trip_hazards · fall Finns kvar',
      'candles · brand Ny',
      'alarm_present · brand Borta',
    ]);
    const trip = items.filter({ hasText: 'trip_hazards' });
    await trip.getByRole('checkbox', { name: 'Miljön i hemmet' }).check();
    await trip.getByLabel('Beskriv orsakerna').fill('Mattorna ligger kvar, brukaren vill ha dem');
    await trip.getByRole('button', { name: 'Spara orsaksanalys' }).click();
    await trip.getByText('Orsaker: Miljön i hemmet – Mattorna ligger kvar, brukaren vill ha dem').waitFor();
    await page.getByLabel('Händelse', { exact: true }).selectOption('FALL');
    await page.getByLabel('Riskkategori').selectOption('fall');
    await page.getByRole('button', { name: 'Registrera händelse' }).click();
    await page.getByText('Fall · fall').waitFor();
    await snap(page, '65-risk-follow-up');
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it("is refused another unit's report", async () => {
    const manager = await api.as(DEMO.managerSoder);
    const norr = await api.as(DEMO.manager);
    await expect(api.request(`query($u: UUID) { qualityReport(year: ${year}, unitId: $u) { units } }`, { u: norr.unitId }, manager.token)).rejects.toThrow(
      /FORBIDDEN|outside your scope/,
    );
  });
});

async function firstAreaId(token: string): Promise<string> {
  const { organisation } = await api.request<{ organisation: { areas: Array<{ id: string }> } }>(`{ organisation { areas { id } } }`, {}, token);
  return organisation.areas[0]?.id as string;
}
