import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Api, DEMO } from './support/api.js';
import {
  answer,
  answerSection,
  completeReview,
  itemGroup,
  logIn,
  phoneStores,
  recipientButton,
  runChecklist,
  sectionNumber,
  startReview,
  submitLogin,
  SYNCED,
  tick,
  waitForSyncStatus,
} from './support/app.js';
import { accessibilityProblems } from './support/axe.js';
import { launchChromium, newPhone, screenshotOnFailure, snap, until, type Phone } from './support/browser.js';
import { failOnApiErrors } from './support/server-log.js';
import { RISKY_HOME, safeAnswers, STOVE_HOME, type ChecklistScript } from './support/checklist.js';
import { focusedId, fullyOnScreen, placeOnScreen, textShownWhole } from './support/layout.js';

/*
 * The screens a home-care worker meets during a review and after it (issue 8, section 6), on a small
 * phone (360×640). Each test starts from a fresh login; reviews that are only drafts stay on the phone.
 */

const baseUrl = inject('baseUrl');
const api = new Api(baseUrl);

let browser: Browser | undefined;
let phone: Phone | undefined;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
screenshotOnFailure('screens', () => [phone]);
failOnApiErrors();

/** The phone of the test going on (a test may continue where the previous one left off). */
function thePhone(): Phone {
  if (!phone) throw new Error('no phone yet');
  return phone;
}

/** A fresh install of the app on a new phone, logged in. */
async function freshPhone(email: string): Promise<Page> {
  if (!browser) throw new Error('no browser yet');
  if (phone) expect(phone.pageErrors).toEqual([]);
  await phone?.context.close();
  phone = await newPhone(browser, baseUrl);
  await logIn(phone.page, email);
  return phone.page;
}

/** Eight risks: no alarm, no routine, cannot perceive it, cannot call 112 or get out alone, stove, candles, no safety alarm. */
const MANY_RISKS: ChecklistScript = {
  choices: {
    ...safeAnswers(),
    alarm_present: 'no',
    alarm_tested: 'no',
    alarm_perceived: 'no',
    call_112: 'no',
    evacuate_alone: 'no',
    stove_forgotten: 'yes',
    stove_guard: 'yes',
    candles: 'yes',
    safety_alarm: 'no',
  },
  notes: null,
  expectedRisks: ['alarm_present', 'alarm_tested', 'alarm_perceived', 'call_112', 'evacuate_alone', 'stove_forgotten', 'candles', 'safety_alarm'],
};

const riskCard = (page: Page, itemKey: string) => page.locator(`main ul.risks > li[data-risk="${itemKey}"]`);

describe('the checklist on a 360×640 phone', () => {
  it('shows at least two whole questions under its header and the sync bar', async () => {
    const page = await freshPhone(DEMO.staff2);
    await startReview(page, 'HT-0057');
    const questions = page.locator('main fieldset[data-item]');
    await questions.nth(1).waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    const shown = [];
    for (const i of [0, 1]) shown.push({ question: i + 1, ...(await placeOnScreen(questions.nth(i))) });
    await snap(page, '30-checklist-360');
    expect(shown.map((q) => ({ question: q.question, whole: q.top >= q.visibleTop && q.bottom <= q.visibleBottom }))).toEqual([
      { question: 1, whole: true },
      { question: 2, whole: true },
    ]);
  });

  it('offers a question’s help as a disclosure with an arrow, named apart from the Hjälp tab', async () => {
    const { page } = thePhone();
    const group = itemGroup(page, 'alarm_present');
    // Nothing in the checklist is called "Hjälp": that is the tab in the bottom menu.
    expect(await page.locator('main').getByRole('button', { name: 'Hjälp', exact: true }).count()).toBe(0);
    expect(await page.locator('main').getByText('Hjälp', { exact: true }).count()).toBe(0);
    const disclosure = group.getByRole('button', { name: 'Mer om frågan', expanded: false });
    const arrow = group.locator('button.disclosure .chevron');
    const closedArrow = await arrow.evaluate((el) => ({ transform: getComputedStyle(el).transform, width: el.getBoundingClientRect().width }));
    expect(closedArrow.width).toBeGreaterThan(0);
    const helpText = group.getByText(/^Tryck på testknappen/);
    expect(await helpText.isVisible()).toBe(false);

    await disclosure.click();
    await group.getByRole('button', { name: 'Mer om frågan', expanded: true }).waitFor();
    await helpText.waitFor();
    // The arrow turns when the help opens (the transition takes a moment).
    await until(async () => (await arrow.evaluate((el) => getComputedStyle(el).transform)) !== closedArrow.transform, 'the arrow to turn');
    const controlled = await group.getByRole('button', { name: 'Mer om frågan' }).getAttribute('aria-controls');
    expect(await helpText.getAttribute('id')).toBe(controlled);
    await snap(page, '31-checklist-help-open');
    expect(await accessibilityProblems(page)).toEqual([]);

    await group.getByRole('button', { name: 'Mer om frågan', expanded: true }).click();
    await helpText.waitFor({ state: 'hidden' });
  });
});

describe('the summary', () => {
  it('names each unanswered question and links to it: the link opens its section with focus on the question', async () => {
    const page = await freshPhone(DEMO.staff2);
    await startReview(page, 'HT-0053');
    const answered: Record<string, string> = {};
    await answerSection(page, RISKY_HOME, answered);
    for (let { index, count } = await sectionNumber(page); index < count; index++) {
      await page.getByRole('button', { name: 'Nästa' }).click();
      await page.getByText(`Avsnitt ${index + 1} av ${count}`).waitFor();
    }
    await page.getByRole('button', { name: 'Till sammanfattning' }).click();
    await page.getByRole('heading', { name: 'Sammanfattning' }).waitFor();

    const texts = await api.templateItemTexts(DEMO.manager);
    const missing = page.getByRole('region', { name: /frågor saknar svar$/ });
    const links = await missing.getByRole('link').allTextContents();
    expect(links[0]).toBe(texts.get('call_112'));
    expect(links).toContain(texts.get('stove_forgotten'));
    expect(links).not.toContain(texts.get('alarm_present'));
    expect(links).not.toContain(texts.get('stove_guard'));
    expect(await missing.getByRole('heading').textContent()).toBe(`${links.length} frågor saknar svar`);
    expect(await page.getByRole('button', { name: 'Slutför genomgången' }).isDisabled()).toBe(true);
    expect(await page.getByText(/\d+ saknas\.$/).count()).toBe(0);
    await snap(page, '32-summary-missing');

    await missing.getByRole('link', { name: texts.get('stove_forgotten') }).click();
    await page.getByRole('heading', { name: 'Spis' }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/granskning\/[0-9a-f-]{36}$/);
    await until(async () => (await focusedId(page)) === 'item-stove_forgotten-group', 'focus on the stove question');
    expect(await fullyOnScreen(itemGroup(page, 'stove_forgotten'))).toBe(true);
    await answer(page, 'stove_forgotten', 'no');

    await page.goBack();
    await page.getByRole('heading', { name: 'Sammanfattning' }).waitFor();
    expect(
      await page
        .getByRole('region', { name: /frågor saknar svar$/ })
        .getByRole('link')
        .allTextContents(),
    ).not.toContain(texts.get('stove_forgotten'));
  });

  it('shows every agreed-action choice whole, even the longest suggestion of the checklist', async () => {
    const page = await freshPhone(DEMO.staff2);
    await startReview(page, 'HT-0057');
    await runChecklist(page, MANY_RISKS);
    // The longest suggested action of the seed checklist (135 characters) and its choices of who acts.
    const longest = 'Den boende bär larmet även inomhus och i duschen, och provar ett annat bärsätt (armband eller halsband) om det skaver eller glöms bort.';
    const landlord = 'Hemtjänsten hjälper den boende att kontakta hyresvärden, som ansvarar för att det finns en fungerande brandvarnare i hyresrätten.';
    for (const [itemKey, suggestion, actor] of [
      ['safety_alarm', longest, 'Den boende'],
      ['alarm_present', landlord, 'Hemtjänsten hjälper att kontakta hyresvärden'],
    ] as const) {
      const card = riskCard(page, itemKey);
      await tick(card.getByRole('checkbox', { name: suggestion }));
      const whoActs = card.getByRole('group', { name: 'Vem åtgärdar' });
      const chosen = whoActs.getByRole('radio', { name: actor, exact: true });
      await until(() => chosen.isChecked(), `${actor} to be the suggested actor`);
      expect(await textShownWhole(card.getByText(suggestion, { exact: true })), suggestion).toEqual({ whole: true, why: '' });
      for (const label of await whoActs.locator('label').all()) {
        expect(await textShownWhole(label.locator('span')), (await label.textContent()) ?? '').toEqual({ whole: true, why: '' });
      }
      expect(await textShownWhole(whoActs.getByText(actor, { exact: true })), actor).toEqual({ whole: true, why: '' });
    }
    const card = riskCard(page, 'alarm_present');
    // The app shows a choice once it is saved: tick() waits for that.
    await tick(card.getByRole('radio', { name: 'Närstående', exact: true }));
    await page.reload();
    await page.getByRole('heading', { name: 'Sammanfattning' }).waitFor();
    expect(await riskCard(page, 'alarm_present').getByRole('radio', { name: 'Närstående', exact: true }).isChecked()).toBe(true);
    await snap(page, '33-summary-whole-choices');
  });

  it('lets the worker fold away the risks already handled, and keeps them folded after a reload', async () => {
    const { page } = thePhone();
    // The review of the previous test: eight risks, two with an action chosen.
    await page.getByRole('heading', { name: 'Sammanfattning' }).waitFor();
    expect(await page.locator('main ul.risks > li').count()).toBeGreaterThanOrEqual(7);
    const declined = riskCard(page, 'candles');
    await tick(declined.getByRole('checkbox').first());
    await tick(declined.getByRole('checkbox', { name: 'Brukaren avböjer' }));

    await page.getByRole('button', { name: 'Fäll ihop hanterade (3)' }).click();
    for (const itemKey of ['safety_alarm', 'alarm_present', 'candles']) {
      const toggle = riskCard(page, itemKey).getByRole('heading').getByRole('button');
      await until(async () => (await toggle.getAttribute('aria-expanded')) === 'false', `${itemKey} to fold`);
      expect(await riskCard(page, itemKey).getByRole('checkbox').count()).toBe(0);
    }
    await riskCard(page, 'candles').getByText('Hanterad · 1 avböjd av brukaren').waitFor();
    await riskCard(page, 'alarm_present').getByText('Hanterad · 1 åtgärd överenskommen').waitFor();
    // Risks not yet handled stay open, and cannot be folded.
    expect(await riskCard(page, 'call_112').getByRole('heading').getByRole('button').count()).toBe(0);
    expect(await riskCard(page, 'call_112').getByRole('checkbox').count()).toBeGreaterThan(0);

    await page.reload();
    await page.getByRole('heading', { name: 'Sammanfattning' }).waitFor();
    const alarm = riskCard(page, 'alarm_present').getByRole('heading').getByRole('button', { expanded: false });
    await alarm.waitFor();
    expect(await riskCard(page, 'safety_alarm').getByRole('heading').getByRole('button').getAttribute('aria-expanded')).toBe('false');
    await snap(page, '34-summary-folded');

    await alarm.click();
    await riskCard(page, 'alarm_present').getByRole('radio', { name: 'Närstående', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Visa hanterade' }).waitFor({ state: 'detached' });
  });

  it('speaks English with the right plural: "1 risk found"', async () => {
    const page = await freshPhone(DEMO.staff2);
    await startReview(page, 'HT-0053');
    await runChecklist(page, STOVE_HOME);
    await page.getByText('1 risk hittades').waitFor();
    await page.getByRole('button', { name: 'In English' }).click();
    await page.getByText('1 risk found').waitFor();
    expect(await page.getByText('1 risks found').count()).toBe(0);
    await page.getByRole('button', { name: 'På svenska' }).click();
    await page.getByText('1 risk hittades').waitFor();
  });
});

describe('my actions', () => {
  it('lists an action agreed during a review for the worker who agreed it, naming the client; closing it can be undone', async () => {
    const page = await freshPhone(DEMO.staff2);
    const recipient = await api.recipientByReference(DEMO.manager, 'HT-0053');
    const clientId = await startReview(page, 'HT-0053');
    await runChecklist(page, RISKY_HOME);
    const landlord = riskCard(page, 'alarm_present').getByRole('checkbox').first();
    const what = (await riskCard(page, 'alarm_present').locator('.suggestion label.check span').first().textContent()) ?? '';
    await tick(landlord);
    await completeReview(page);
    await waitForSyncStatus(page, SYNCED);
    const stored = (await api.reviewsOf(DEMO.manager, recipient.id)).find((r) => r.clientId === clientId);
    const actionId = stored?.actions[0]?.id as string;
    expect(stored?.actions.map((a) => [a.what, a.status])).toEqual([[what, 'OPEN']]);

    // No manager assigned it: it is the worker's own, on their list.
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('button', { name: 'Mina åtgärder' }).click();
    await page.getByRole('heading', { name: 'Mina öppna åtgärder' }).waitFor();
    await page.reload();
    const card = page.locator(`main li[data-action="${actionId}"]`);
    await card.getByText(what).waitFor();
    await card.getByText('Brukare HT-0053', { exact: true }).waitFor();

    await card.getByRole('button', { name: 'Klar' }).click();
    const snackbar = page.getByRole('status').filter({ hasText: 'Åtgärd stängd' });
    await snackbar.getByRole('button', { name: 'Ångra' }).waitFor();
    await until(async () => (await page.evaluate(() => document.activeElement?.textContent)) === 'Ångra', 'focus on Ångra');
    await snap(page, '35-actions-undo');
    expect(await accessibilityProblems(page)).toEqual([]);

    await page.keyboard.press('Enter');
    await snackbar.waitFor({ state: 'detached' });
    await card.getByRole('button', { name: 'Klar' }).waitFor();
    await until(
      async () => (await page.evaluate(() => document.activeElement?.closest('[data-action]')?.getAttribute('data-action'))) === actionId,
      'focus back on the action',
    );
    expect(await phoneStores(page)).toMatchObject({ outbox: 0 });
    expect((await api.reviewsOf(DEMO.manager, recipient.id)).find((r) => r.clientId === clientId)?.actions[0]?.status).toBe('OPEN');

    // Not undone: once the few seconds are over, the closing is sent.
    await card.getByRole('button', { name: 'Behövs inte' }).click();
    await snackbar.getByRole('button', { name: 'Ångra' }).waitFor();
    await snackbar.waitFor({ state: 'detached', timeout: 30_000 });
    await until(
      async () => (await api.reviewsOf(DEMO.manager, recipient.id)).find((r) => r.clientId === clientId)?.actions[0]?.status === 'NOT_NEEDED',
      'the server to have the action closed as not needed',
      30_000,
    );
    expect(thePhone().pageErrors).toEqual([]);
  });
});

describe('the login screen', () => {
  it('loads without the signed-in app, which comes after login', async () => {
    if (!browser) throw new Error('no browser yet');
    const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 360, height: 640 }, serviceWorkers: 'block' });
    try {
      const fresh = await context.newPage();
      const scripts: Array<{ url: string; body: string; afterLogin: boolean }> = [];
      let loggingIn = false;
      fresh.on('response', (response) => {
        if (response.request().resourceType() !== 'script') return;
        const afterLogin = loggingIn;
        void response.text().then((body) => scripts.push({ url: response.url(), body, afterLogin }));
      });
      await fresh.goto('/');
      await fresh.getByRole('heading', { name: 'Logga in' }).waitFor();
      await fresh.getByLabel('E-post').waitFor();
      loggingIn = true;
      await submitLogin(fresh, DEMO.staff2);
      await fresh.getByRole('heading', { name: 'Brukare' }).waitFor();
      await until(async () => scripts.some((s) => s.afterLogin), 'scripts of the signed-in app');
      const atLogin = scripts.filter((s) => !s.afterLogin);
      const signedIn = scripts.filter((s) => s.afterLogin);
      // The checklist's key and the sync engine's tag live in the signed-in app's code only.
      const appCode = (body: string) => body.includes('sakerhet-hjalpbehov') || body.includes('hjulet-outbox');
      expect(atLogin.filter((s) => appCode(s.body)).map((s) => s.url)).toEqual([]);
      expect(signedIn.some((s) => appCode(s.body))).toBe(true);
    } finally {
      await context.close();
    }
  });

  it('still shows the app to someone logged in, after a reload', async () => {
    const { page } = thePhone();
    await page.goto('/');
    await recipientButton(page, 'HT-0053').waitFor();
    expect(await page.getByRole('heading', { name: 'Logga in' }).count()).toBe(0);
    // A phone logged in before the app kept its note about it: the session in IndexedDB still decides.
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await recipientButton(page, 'HT-0053').waitFor();
  });
});

describe('the built app over HTTP', () => {
  const get = (path: string) => fetch(new URL(path, baseUrl), { headers: { accept: '*/*' } });

  it('caches hashed assets for a year as immutable, and revalidates the shell, the service worker and the manifest', async () => {
    const html = await (await fetch(new URL('/', baseUrl), { headers: { accept: 'text/html' } })).text();
    const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1] as string);
    expect(assets.length).toBeGreaterThanOrEqual(2);
    for (const asset of assets) expect((await get(asset)).headers.get('cache-control'), asset).toBe('public, max-age=31536000, immutable');
    for (const file of ['/', '/index.html', '/sw.js', '/manifest.webmanifest']) {
      const res = await get(file);
      expect(res.status, file).toBe(200);
      expect(res.headers.get('cache-control'), file).toBe('no-cache');
    }
  });

  it('serves /robots.txt as a text file, not the app', async () => {
    const res = await fetch(new URL('/robots.txt', baseUrl), { headers: { accept: 'text/html,*/*' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/^User-agent: /m);
    expect(text).not.toContain('<div id="root">');
  });
});
