import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { Api, DEMO, DEMO_PASSWORD } from './support/api.js';
import { submitLogin } from './support/app.js';
import { accessibilityProblems } from './support/axe.js';
import { launchChromium, newPhone, screenshotOnFailure, snap, until, type Phone } from './support/browser.js';

/*
 * Issue 12 §2 and §5 in the browser: the admin's users screen (last sign-in, method, role, deactivation,
 * the lex Sarah group) and mapping table, and "Mina sessioner" where a worker ends a session on another device. Each screen is
 * checked with axe-core at 360×640.
 */

const baseUrl = inject('baseUrl');
const api = new Api(baseUrl);

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
screenshotOnFailure('user-admin', () => [phone]);

async function logIn(email: string): Promise<Phone> {
  const p = await newPhone(browser, baseUrl);
  await p.page.goto('/');
  await submitLogin(p.page, email);
  await p.page.getByRole('heading', { name: 'Brukare' }).waitFor();
  return p;
}

const LOGIN = 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }';
const isLive = async (token: string) =>
  (
    await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ me { id } }' }),
    }).then((r) => r.json() as Promise<{ errors?: unknown[] }>)
  ).errors === undefined;

describe("the admin's users and mapping screens", () => {
  it('lists users with last sign-in, gives a role and deactivates, with no accessibility problem', async () => {
    const { token } = await api.as(DEMO.admin);
    const unitId = (await api.as(DEMO.staff)).unitId;
    const email = `e2e-${Date.now()}@demo.hjulet.se`;
    await api.request(
      'mutation($i: CreateUserInput!) { createUser(input: $i) { id } }',
      { i: { email, displayName: 'Eva Testsson', password: DEMO_PASSWORD, role: 'STAFF', unitId } },
      token,
    );
    const session = await api.request<{ login: { accessToken: string } }>(LOGIN, { e: email, p: DEMO_PASSWORD });

    phone = await logIn(DEMO.admin);
    const { page } = phone;
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('button', { name: 'Kvalitet' }).click();
    await page.getByRole('button', { name: 'Användare' }).click();
    await page.getByRole('heading', { name: 'Användare', level: 1 }).waitFor();
    const card = page.getByRole('listitem').filter({ hasText: email });
    await card.getByText(/Senast inloggad: .* · lösenord/).waitFor();
    await snap(page, '60-users');
    expect(await accessibilityProblems(page)).toEqual([]);

    await card.getByRole('button', { name: 'Ge roll: Eva Testsson' }).click();
    await card.getByLabel('Roll').selectOption('UNIT_MANAGER');
    await card.getByRole('button', { name: 'Spara roll' }).click();
    await page.getByRole('status').getByText('Rollen är sparad').waitFor();
    await page
      .getByRole('listitem')
      .filter({ hasText: email })
      .getByText(/Enhetschef/)
      .waitFor();
    expect(await isLive(session.login.accessToken)).toBe(false);

    // A unit manager can be put in the lex Sarah group; deactivated, she leaves it.
    const group = page.getByRole('heading', { name: 'Lex Sarah-gruppen', level: 2 }).locator('xpath=following-sibling::ul[1]');
    await page.getByRole('button', { name: 'Lägg till i lex Sarah-gruppen: Eva Testsson' }).click();
    await page.getByRole('status').getByText('Eva Testsson tar nu emot lex Sarah-rapporter.').waitFor();
    await group.getByText('Eva Testsson').waitFor();
    await page.getByRole('listitem').filter({ hasText: email }).getByText('Lex Sarah-gruppen', { exact: true }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);

    await page.getByRole('button', { name: 'Inaktivera Eva Testsson' }).click();
    await page.getByRole('status').getByText('Eva Testsson är inaktiverad').waitFor();
    await page.getByRole('listitem').filter({ hasText: email }).getByText('Inaktiverat').waitFor();
    await until(async () => (await group.getByText('Eva Testsson').count()) === 0, 'Eva to leave the lex Sarah group');
    expect(await page.getByRole('button', { name: 'Lägg till i lex Sarah-gruppen: Eva Testsson' }).count()).toBe(0);
    expect(await accessibilityProblems(page)).toEqual([]);

    await page.goto('/kvalitet/rollmappning');
    await page.getByRole('heading', { name: 'Rollmappning', level: 1 }).waitFor();
    await page.getByLabel('Värde i anspråket (grupp- eller roll-id)').fill('hjulet-e2e-personal');
    await page.getByLabel('Roll', { exact: true }).selectOption('STAFF');
    await page.getByLabel('Enhet', { exact: true }).selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Lägg till mappning' }).click();
    await page.getByRole('status').getByText('Mappningen är tillagd.').waitFor();
    await page.getByText('hjulet-e2e-personal').waitFor();
    await snap(page, '61-role-mapping');
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(phone.pageErrors).toEqual([]);
  });
});

describe('Mina sessioner', () => {
  it('shows this device and another, and ends the other at once', async () => {
    // A worker of their own, so no other test's session of a demo user is ended here.
    const { token } = await api.as(DEMO.admin);
    const email = `e2e-sessioner-${Date.now()}@demo.hjulet.se`;
    await api.request(
      'mutation($i: CreateUserInput!) { createUser(input: $i) { id } }',
      { i: { email, displayName: 'Sam Sessionsson', password: DEMO_PASSWORD, role: 'STAFF', unitId: (await api.as(DEMO.staff)).unitId } },
      token,
    );
    const other = await api.request<{ login: { accessToken: string } }>(LOGIN, { e: email, p: DEMO_PASSWORD });
    phone = await logIn(email);
    const { page } = phone;
    await page.getByRole('button', { name: 'Sam Sessionsson – konto' }).click();
    await page.getByRole('button', { name: 'Mina sessioner' }).click();
    await page.getByRole('heading', { name: 'Mina sessioner', level: 1 }).waitFor();
    await page.getByText('Den här enheten').waitFor();
    await snap(page, '62-my-sessions');
    expect(await accessibilityProblems(page)).toEqual([]);

    const ends = page.getByRole('button', { name: /^Avsluta sessionen/ });
    expect(await ends.count()).toBeGreaterThanOrEqual(1);
    await ends.first().click();
    await page.getByRole('status').getByText('Sessionen är avslutad.').waitFor();
    await until(async () => !(await isLive(other.login.accessToken)), 'the other session to end');
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(phone.pageErrors).toEqual([]);
  });
});
