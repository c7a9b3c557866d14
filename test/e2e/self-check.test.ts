import { describe, expect, inject, it } from 'vitest';
import { Api, DEMO } from './support/api.js';
import { answerSection, logIn, logOut } from './support/app.js';
import { accessibilityProblems } from './support/axe.js';
import { snap, until, usePhone } from './support/browser.js';
import { safeAnswers } from './support/checklist.js';

/*
 * Issue 13 §4, self-checks (egenkontroll): the unit manager finds the demo plan under Kvalitet with when it
 * is due and what the last check found, performs the plan's checklist, and gives the new finding an action
 * with a due date; axe finds no serious or critical violation on the way.
 */

const baseUrl = inject('baseUrl');
const api = new Api(baseUrl);
const thePhone = usePhone('self-check', baseUrl);

const TEMPLATE = 'Checklista – säkerhet för personer med hjälpbehov';
const TRIP_HAZARD = 'Finns lösa mattor, sladdar eller höga trösklar att snubbla på?';
const ACTION = 'Byt ut den lösa mattan i entrén mot en halkfri';

describe('self-checks', () => {
  it('a unit manager sees the demo plan, records a check with a finding and gives it an action', async () => {
    const { page } = thePhone();
    await page.goto('/');
    await logIn(page, DEMO.manager);
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('button', { name: 'Kvalitet' }).click();
    await page.getByRole('button', { name: 'Egenkontroller', exact: true }).click();
    await page.getByRole('heading', { name: 'Egenkontroller', level: 1 }).waitFor();

    const plan = page.locator('[data-self-check-plan]', { hasText: TEMPLATE }).first();
    await plan.getByText(/Nästa senast \d{4}-\d{2}-\d{2}/).waitFor();
    await plan.getByText('Hemtjänst Norr', { exact: false }).waitFor();
    // The demo's latest check found a trip hazard, and the manager gave it an action.
    await page.getByText(/Tejpa fast skarven i korridormattan/).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await snap(page, '95-self-check-plans');

    await plan.getByRole('button', { name: 'Gör egenkontrollen' }).click();
    await page.locator('main fieldset[data-item]').first().waitFor();
    await answerSection(page, { choices: { ...safeAnswers(), trip_hazards: 'yes' }, notes: null, expectedRisks: [] }, {});
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByRole('button', { name: 'Spara egenkontrollen' }).click();
    await page.getByRole('status').filter({ hasText: 'Egenkontrollen är sparad.' }).waitFor();

    // The newest check comes first once the list is read again (the demo's latest has the same finding), dated today.
    const today = new Date().toLocaleDateString('sv-SE');
    const result = page.locator('[data-self-check-result]').first();
    await result.getByRole('heading', { name: new RegExp(today) }).waitFor();
    await result.getByText(TRIP_HAZARD).waitFor();
    await result.getByLabel('Ny åtgärd').fill(ACTION);
    const due = new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10);
    await result.getByLabel('Klart senast').fill(due);
    await result.getByRole('button', { name: 'Lägg till åtgärd' }).click();
    await result.getByText(new RegExp(`${ACTION} · .+ · senast ${due}`)).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await snap(page, '96-self-check-action');

    const { token } = await api.as(DEMO.manager);
    const data = await api.request<{ selfCheckResults: Array<{ findings: Array<{ itemKey: string; actions: Array<{ what: string; dueOn: string }> }> }> }>(
      '{ selfCheckResults(filter: { first: 1 }) { findings { itemKey actions { what dueOn } } } }',
      {},
      token,
    );
    expect(data.selfCheckResults[0]?.findings).toEqual([{ itemKey: 'trip_hazards', actions: [{ what: ACTION, dueOn: due }] }]);
  });

  it('a quality coordinator plans a new self-check for a unit, sees it due, and ends it', async () => {
    const { page } = thePhone();
    // The file's one phone: the unit manager of the test before hands it over.
    await logOut(page);
    await logIn(page, DEMO.coordinator);
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('button', { name: 'Kvalitet' }).click();
    await page.getByRole('button', { name: 'Egenkontroller', exact: true }).click();
    await page.getByRole('heading', { name: 'Egenkontroller', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Ny plan för egenkontroll' }).click();
    const form = page.getByRole('form', { name: 'Ny plan för egenkontroll' });
    await form.getByLabel('Checklista').selectOption({ label: TEMPLATE });
    await form.getByLabel('Enhet').selectOption({ label: 'Hemtjänst Söder' });
    await form.getByLabel('Hur ofta').selectOption('MONTHLY');
    const firstDue = new Date(Date.now() + 7 * 86_400_000).toLocaleDateString('sv-SE');
    await form.getByLabel('Första kontrollen senast').fill(firstDue);
    await form.getByLabel('Vem utför den').selectOption('UNIT_MANAGER');
    expect(await accessibilityProblems(page)).toEqual([]);
    await form.getByRole('button', { name: 'Spara planen' }).click();
    await page.getByRole('status').filter({ hasText: 'Planen är sparad.' }).waitFor();
    const plan = page.locator('[data-self-check-plan]', { hasText: 'Hemtjänst Söder' }).filter({ hasText: 'varje månad' });
    await plan.getByText(`Nästa senast ${firstDue}`).waitFor();
    await plan.getByText('Dags att göra').waitFor();
    await plan.getByText('Utförs av enhetschef').waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await snap(page, '97-self-check-new-plan');

    await plan.getByRole('button', { name: `Avsluta planen: ${TEMPLATE}, Hemtjänst Söder` }).click();
    await page.getByRole('status').filter({ hasText: 'Planen är avslutad.' }).waitFor();
    await until(async () => (await plan.count()) === 0, 'the ended plan to leave the list');
  });
});
