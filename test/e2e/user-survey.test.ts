import { describe, expect, inject, it } from 'vitest';
import { Api, DEMO } from './support/api.js';
import { logIn, waitForServiceWorker } from './support/app.js';
import { accessibilityProblems } from './support/axe.js';
import { snap, usePhone } from './support/browser.js';

/*
 * Issue 13 §6, user surveys: the quality coordinator checks a survey file on the import screen (a bad row
 * is named by row and column, and nothing is saved), imports a corrected file, and sees its results on the
 * dashboard's "Brukarundersökning" beside the indicators, with the demo's national survey and last year.
 */

const baseUrl = inject('baseUrl');
const api = new Api(baseUrl);
const thePhone = usePhone('user-survey', baseUrl);
const YEAR = new Date().getFullYear();

/** A file as Swedish Excel saves it: a BOM, semicolons, decimal commas, a quoted field with a semicolon. */
const surveyFile = (rows: string[]) => ({
  name: 'brukarundersokning.csv',
  mimeType: 'text/csv',
  buffer: Buffer.from(`\uFEFFEnhet;Fråga;Andel positiva (%);Antal svar\r\n${rows.join('\r\n')}\r\n`, 'utf8'),
});

async function storedResults(name: string): Promise<number> {
  const { token } = await api.as(DEMO.coordinator);
  const data = await api.request<{ userSurveyResults: Array<{ surveyName: string }> }>(
    'query($y: Int!) { userSurveyResults(year: $y) { surveyName } }',
    { y: YEAR },
    token,
  );
  return data.userSurveyResults.filter((r) => r.surveyName === name).length;
}

describe('user surveys', () => {
  it('a coordinator imports a survey file from the screen and sees its results on the dashboard', async () => {
    const { page, pageErrors } = thePhone();
    const name = `Egen enkät ${Date.now()}`;
    await page.setViewportSize({ width: 390, height: 844 });
    await logIn(page, DEMO.coordinator);
    await waitForServiceWorker(page);
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('button', { name: 'Kvalitet' }).click();
    await page.getByRole('button', { name: 'Brukarundersökning', exact: true }).click();
    await page.getByRole('heading', { name: 'Importera brukarundersökning', level: 1 }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);

    await page.getByLabel('Undersökning', { exact: true }).selectOption('OWN');
    await page.getByLabel('Undersökningens namn').fill(name);
    await page.getByLabel('År', { exact: true }).fill(String(YEAR));
    await page
      .getByLabel('CSV-fil')
      .setInputFiles(
        surveyFile([
          'Hemtjänst Norr;"Får du välja tid; för besöken?";62,5;24',
          'Hemtjänst Söder;"Får du välja tid; för besöken?";mycket;20',
          'Hemtjänst Väst;Trygghet;80;20',
        ]),
      );
    await page.getByRole('button', { name: 'Granska filen' }).click();
    await page.getByText('2 fel i filen. Rätta filen och välj den igen.').waitFor();
    const problems = page.locator('table[data-table="survey-problems"] tbody tr');
    expect(await problems.allInnerTexts()).toEqual([
      expect.stringMatching(/^3\s+Andel positiva\s+Kan inte läsas/),
      expect.stringMatching(/^4\s+Enhet\s+Ingen enhet heter så/),
    ]);
    expect(await page.getByRole('button', { name: /^Importera \d+ rader$/ }).count()).toBe(0);
    expect(await accessibilityProblems(page)).toEqual([]);
    await snap(page, '95-user-survey-problems');
    expect(await storedResults(name)).toBe(0);

    await page
      .getByLabel('CSV-fil')
      .setInputFiles(
        surveyFile([
          'Hemtjänst Norr;"Får du välja tid; för besöken?";62,5;24',
          'Hemtjänst Söder;"Får du välja tid; för besöken?";70;20',
          'Hemtjänst Centrum;"Får du välja tid; för besöken?";;3',
        ]),
      );
    await page.getByRole('button', { name: 'Granska filen' }).click();
    await page.getByText('3 rader kan importeras').waitFor();
    expect(await page.locator('table[data-table="survey-preview"] tbody tr').count()).toBe(3);
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByRole('button', { name: 'Importera 3 rader' }).click();
    await page.getByText('Importen är klar: 3 nya resultat, 0 ersatta.').waitFor();
    expect(await storedResults(name)).toBe(3);

    await page.getByRole('button', { name: 'Visa på översikten' }).click();
    await page.getByRole('heading', { name: 'Brukarundersökning', level: 2 }).waitFor();
    const own = page.locator('table[data-table="user-survey"]', { has: page.locator('caption', { hasText: name }) });
    await own.waitFor();
    expect(await own.locator('tr[data-unit="Hemtjänst Norr"] td[data-value]').innerText()).toBe('62,5\u00a0%');
    expect(await own.locator('tr[data-unit="Hemtjänst Centrum"] td[data-value]').innerText()).toBe('Dolt');
    // The demo's national survey, with last year beside this year's and the change.
    const national = page.locator('table[data-table="user-survey"]', { has: page.locator('caption', { hasText: 'Vad tycker de äldre om äldreomsorgen?' }) });
    const norrSafety = national.locator('tbody', { hasText: 'Känner du dig trygg' }).locator('tr[data-unit="Hemtjänst Norr"]');
    expect((await norrSafety.locator('td').allInnerTexts()).slice(0, 3)).toEqual(['86\u00a0%', '79\u00a0%', '+7']);
    expect(await accessibilityProblems(page)).toEqual([]);
    await own.scrollIntoViewIfNeeded();
    await snap(page, '96-user-survey-dashboard');
    expect(pageErrors).toEqual([]);
  });

  it("a coordinator cites a survey question in a goal, and the goal's page shows its units' results", async () => {
    const { page, pageErrors } = thePhone();
    const { token } = await api.as(DEMO.coordinator);
    const text = `Brukarna känner sig trygga ${Date.now()}`;
    const { createGoal } = await api.request<{ createGoal: { id: string } }>(
      'mutation($input: CreateGoalInput!) { createGoal(input: $input) { id } }',
      { input: { board: 'Vård- och omsorgsnämnden', year: YEAR, text, qualityDimension: 'sakerhet', targetIndicator: 'COVERAGE', targetValue: 1 } },
      token,
    );
    await page.goto(`/kvalitet/mal/${createGoal.id}`);
    await page.getByRole('heading', { name: text, level: 1 }).waitFor();
    await page.getByText('Målet hänvisar inte till någon brukarundersökning.').waitFor();
    const question = 'Känner du dig trygg med att bo hemma med stöd från hemtjänsten?';
    await page.getByLabel(`Fråga ur brukarundersökning ${YEAR}`).selectOption({ label: `${question} (Vad tycker de äldre om äldreomsorgen?)` });
    await page.getByRole('button', { name: 'Lägg till', exact: true }).click();
    const cited = page.locator('table[data-table="goal-survey"]', { has: page.locator('caption', { hasText: question }) });
    await cited.waitFor();
    expect(await cited.locator('tbody th').allInnerTexts()).toEqual(['Hemtjänst Centrum', 'Hemtjänst Norr', 'Hemtjänst Söder']);
    expect((await cited.locator('tbody tr', { hasText: 'Hemtjänst Norr' }).locator('td').allInnerTexts()).slice(0, 2)).toEqual(['86\u00a0%', '79\u00a0%']);
    expect(await accessibilityProblems(page)).toEqual([]);
    await cited.scrollIntoViewIfNeeded();
    await snap(page, '97-user-survey-goal');
    expect(pageErrors).toEqual([]);
  });
});
