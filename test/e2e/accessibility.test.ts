import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Api, DEMO, DEMO_PASSWORD } from './support/api.js';
import {
  answer,
  itemGroup,
  logIn,
  recipientButton,
  runChecklist,
  startReview,
  submitLogin,
  SYNCED,
  tick,
  waitForServiceWorker,
  waitForSyncStatus,
} from './support/app.js';
import { accessibilityProblems } from './support/axe.js';
import { cellsBrokenInsideWords, sidewaysTables } from './support/layout.js';
import { launchChromium, newPhone, screenshotOnFailure, snap, until, type Phone } from './support/browser.js';
import { failOnApiErrors } from './support/server-log.js';
import { RISKY_HOME } from './support/checklist.js';

const baseUrl = inject('baseUrl');
const api = new Api(baseUrl);

let browser: Browser;
let phone: Phone;
let keyboardPhone: Phone | undefined;
let unlockPhone: Phone | undefined;

beforeAll(async () => {
  browser = await launchChromium();
  phone = await newPhone(browser, baseUrl);
});
afterAll(async () => {
  await browser?.close();
});
screenshotOnFailure('accessibility', () => [phone, keyboardPhone, unlockPhone]);
failOnApiErrors();

/** Every screen in the order a user meets them; each test continues where the previous one left off. */
describe('every screen, checked with axe-core at 360×640', () => {
  let page: Page;
  let clientId = '';
  beforeAll(() => {
    page = phone.page;
  });

  it('login', async () => {
    await page.goto('/');
    await page.getByRole('heading', { name: 'Logga in' }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it('login with a wrong password', async () => {
    await submitLogin(page, DEMO.staff, 'not-the-password');
    await page.getByRole('alert').getByText('Fel e-post eller lösenord.').waitFor();
    await snap(page, '10-login-failed');
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it('recipients', async () => {
    await logIn(page, DEMO.staff);
    await snap(page, '11-recipients');
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it('recipients, filtered to those done', async () => {
    await page.getByRole('radio', { name: /^Klara \d+$/ }).check();
    await until(async () => (await page.getByRole('list', { name: 'Brukare' }).locator('.status').allTextContents()).every((s) => s === 'Klar'), 'only done');
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByRole('radio', { name: /^Alla \d+$/ }).check();
  });

  it('offer, for a recipient with a review done this period', async () => {
    await recipientButton(page, 'HT-0029').click();
    await page.getByTestId('existing-review').getByText('Klar').waitFor();
    await snap(page, '12-offer-existing-review');
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it('the reason for another review in the period', async () => {
    await page.getByRole('button', { name: 'Erbjud en ny genomgång ändå' }).click();
    await page.getByRole('radio', { name: 'Annat skäl (fritext)' }).check();
    await page.getByRole('button', { name: 'Fortsätt' }).click();
    await page.getByRole('alert').getByText('Skriv skälet.').waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByRole('radio', { name: 'Brukaren har flyttat' }).check();
    await page.getByRole('button', { name: 'Fortsätt' }).click();
  });

  it('offer', async () => {
    await page.getByRole('button', { name: 'Ja, starta genomgången' }).waitFor();
    await snap(page, '12-offer');
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it('decline form', async () => {
    await page.getByRole('button', { name: 'Nej, avböjer' }).click();
    await page.getByRole('group', { name: 'Skäl' }).waitFor();
    await page.getByRole('radio', { name: 'Annat skäl (fritext)' }).check();
    await page.getByRole('textbox', { name: 'Annat skäl (fritext)' }).waitFor();
    await snap(page, '13-decline');
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByRole('button', { name: 'Tillbaka' }).click();
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('button', { name: 'Brukare' }).click();
  });

  it('review section, with an answer that is a risk and its help text open', async () => {
    await page.getByRole('button', { name: 'Tillbaka' }).waitFor({ state: 'detached' });
    clientId = await startReview(page, 'HT-0029');
    await answer(page, 'alarm_present', 'no');
    await itemGroup(page, 'alarm_present').getByText('Risk: Hög').waitFor();
    await snap(page, '14-review-risk');
    await itemGroup(page, 'alarm_perceived').getByRole('button', { name: 'Mer om frågan', expanded: false }).click();
    await itemGroup(page, 'alarm_perceived')
      .getByText(/^Tänk på om personen hör larmet/)
      .waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it('summary, with an agreed action', async () => {
    await runChecklist(page, RISKY_HOME);
    const firstRisk = page.locator('main ul.risks > li').first();
    await tick(firstRisk.getByRole('checkbox').first());
    await firstRisk.getByRole('group', { name: 'Vem åtgärdar' }).waitFor();
    await snap(page, '15-summary-agreed');
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it('summary, with the handled risks folded away', async () => {
    await page.getByRole('button', { name: /^Fäll ihop hanterade/ }).click();
    await page.locator('main ul.risks > li').first().getByRole('button', { expanded: false }).waitFor();
    await page.getByRole('button', { name: 'Visa hanterade' }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it('review completed', async () => {
    await page.getByRole('button', { name: 'Slutför genomgången' }).click();
    await page.getByRole('status').getByText('Klart!', { exact: false }).waitFor();
    await waitForSyncStatus(page, SYNCED);
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it('my actions, with the action just agreed, which is the user’s own', async () => {
    const recipient = await api.recipientByReference(DEMO.manager, 'HT-0029');
    const review = (await api.reviewsOf(DEMO.manager, recipient.id)).find((r) => r.clientId === clientId);
    const action = review?.actions[0];
    if (!action) throw new Error('The agreed action did not reach the server');
    await page.goto('/atgarder');
    await page.getByRole('heading', { name: 'Mina öppna åtgärder' }).waitFor();
    const card = page.locator(`main li[data-action="${action.id}"]`);
    await card.getByText(action.what).waitFor();
    await card.getByText('Brukare HT-0029').waitFor();
    await snap(page, '16-my-actions');
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it('my actions, with a closing that can still be undone', async () => {
    const card = page.locator('main li[data-action]').first();
    await card.getByRole('button', { name: 'Behövs inte' }).click();
    await page.getByRole('status').getByRole('button', { name: 'Ångra' }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByRole('status').getByRole('button', { name: 'Ångra' }).click();
    await card.getByRole('button', { name: 'Behövs inte' }).waitFor();
  });

  it('needs attention', async () => {
    await page.goto('/behover-atgard');
    await page.getByRole('heading', { name: 'Behöver åtgärd' }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it('needs attention, with each kind of action, the details for support and both dialogs', async () => {
    const references = await putRefusalsOnThePhone(page);
    await page.goto('/behover-atgard');
    await page.getByRole('heading', { name: 'Behöver åtgärd' }).waitFor();
    const cards = page.getByTestId('attention-item');
    await until(async () => (await cards.count()) === references.length, 'a card for each refusal');
    for (const label of ['Försök igen', 'Öppna och rätta', 'Lämna över till brukarens enhet']) await page.getByRole('button', { name: label }).waitFor();
    await snap(page, '28-needs-attention-every-action');
    expect(await accessibilityProblems(page)).toEqual([]);

    await cards.first().getByText('Detaljer för support').click();
    await cards.first().getByText('Serverns svar').waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);

    await page.getByRole('button', { name: 'Lämna över till brukarens enhet' }).click();
    const handOver = page.getByRole('dialog', { name: 'Lämna över resultatet' });
    await handOver.getByRole('textbox', { name: 'Skäl till överlämningen' }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await handOver.getByRole('button', { name: 'Avbryt' }).click();
    await handOver.waitFor({ state: 'detached' });

    await cards.last().getByRole('button', { name: 'Ta bort resultatet' }).click();
    const discard = page.getByRole('dialog', { name: 'Ta bort resultatet' });
    await discard.getByRole('radio', { name: 'Annat skäl (fritext)' }).check();
    await discard.getByRole('textbox', { name: 'Annat skäl (fritext)' }).waitFor();
    await snap(page, '29-discard-dialog-other');
    expect(await accessibilityProblems(page)).toEqual([]);
    // Escape closes a dialog, as a keyboard user expects.
    await page.keyboard.press('Escape');
    await discard.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'In English' }).click();
    await page.getByRole('heading', { name: 'Needs attention' }).waitFor();
    await page.getByRole('button', { name: "Hand over to the client's unit" }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByRole('button', { name: 'På svenska' }).click();
    await removeRefusalsFromThePhone(page, references);
  });

  it('help', async () => {
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('button', { name: 'Hjälp' }).click();
    await page.getByRole('heading', { name: 'Hjälp' }).waitFor();
    await page.getByText(/^Lagring: /).waitFor();
    await snap(page, '17-help');
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it('in English, also after a reload', async () => {
    await page.getByRole('button', { name: 'In English' }).click();
    await page.getByRole('heading', { name: 'Help' }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('button', { name: 'Clients' }).click();
    await page.getByRole('heading', { name: 'Clients' }).waitFor();
    await snap(page, '18-recipients-english');
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.reload();
    await page.getByRole('heading', { name: 'Clients' }).waitFor();
    // A screen reader picks its voice from the page's language: English text must not be read as Swedish.
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await recipientButton(page, 'HT-0037', 'Clients').click();
    await page.getByRole('button', { name: 'Offer another review anyway' }).click();
    await page.getByRole('radio', { name: 'The client has moved' }).check();
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: /^Yes/ }).click();
    await page.getByText(/^Section 1 of \d+$/).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByRole('button', { name: 'På svenska' }).click();
    await page.getByText(/^Avsnitt 1 av \d+$/).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('sv');
  });
});

/**
 * Refused results as the phone files them, one for each kind of action a worker can be offered (try again,
 * open and correct, hand over, discard only, and a refused closing), written straight into the phone's
 * store: none is sent anywhere. Answers the references used.
 */
async function putRefusalsOnThePhone(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('hjulet');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const get = <T>(store: string, key: string) =>
      new Promise<T>((resolve) => {
        const request = db.transaction(store).objectStore(store).get(key);
        request.onsuccess = () => resolve(request.result as T);
      });
    const { user } = await get<{ user: { id: string } }>('session', 'current');
    const now = new Date().toISOString();
    const review = (reference: string, status: 'completed' | 'declined') => {
      const clientId = crypto.randomUUID();
      return {
        id: clientId,
        kind: 'review',
        userId: user.id,
        recipientReference: reference,
        payload: {
          clientId,
          deviceId: 'axe',
          recipientId: crypto.randomUUID(),
          templateVersionId: crypto.randomUUID(),
          status,
          declineReason: status === 'declined' ? 'Vill inte just nu' : null,
          answers: status === 'completed' ? [{ itemKey: 'alarm_present', value: 'yes' }] : [],
          consentToShareWithFireService: false,
          offeredAt: now,
          performedAt: now,
          actions: [],
        },
        createdAt: now,
        attempts: 0,
        nextAttemptAt: now,
        lastError: null,
      };
    };
    const closing = {
      id: crypto.randomUUID(),
      kind: 'close_action',
      userId: user.id,
      recipientReference: '',
      payload: { actionId: crypto.randomUUID(), outcome: 'done', note: null },
      createdAt: now,
      attempts: 0,
      nextAttemptAt: now,
      lastError: null,
    };
    const refused = [
      { item: review('HT-9001', 'completed'), code: 'INTERNAL_SERVER_ERROR', reason: null, field: null, message: 'Unexpected error.' },
      {
        item: review('HT-9002', 'completed'),
        code: 'BAD_USER_INPUT',
        reason: 'INVALID_ANSWERS',
        field: 'answers.alarm_tested',
        message: 'This question must be answered.',
      },
      {
        item: review('HT-9003', 'declined'),
        code: 'FORBIDDEN',
        reason: 'RECIPIENT_OTHER_UNIT',
        field: 'recipientId',
        message: 'This care recipient belongs to another unit',
      },
      {
        item: review('HT-9004', 'completed'),
        code: 'BAD_USER_INPUT',
        reason: 'RECIPIENT_INACTIVE',
        field: 'recipientId',
        message: 'This care recipient is no longer active',
      },
      { item: closing, code: 'FORBIDDEN', reason: null, field: 'id', message: 'This action is outside your scope' },
    ];
    const tx = db.transaction('attention', 'readwrite');
    refused.forEach((entry, i) =>
      tx
        .objectStore('attention')
        .put({ ...entry, id: entry.item.id, userId: user.id, requestId: crypto.randomUUID(), refusedAt: new Date(Date.now() + i).toISOString() }),
    );
    await new Promise((resolve) => (tx.oncomplete = resolve));
    db.close();
    return refused.map((entry) => entry.item.id);
  });
}

async function removeRefusalsFromThePhone(page: Page, ids: string[]): Promise<void> {
  await page.evaluate(async (keys) => {
    const db = await new Promise<IDBDatabase>((resolve) => {
      const open = indexedDB.open('hjulet');
      open.onsuccess = () => resolve(open.result);
    });
    const tx = db.transaction('attention', 'readwrite');
    for (const key of keys) tx.objectStore('attention').delete(key);
    await new Promise((resolve) => (tx.oncomplete = resolve));
    db.close();
  }, ids);
}

/** The description of the focused element: tag, id, the item it belongs to, and its accessible text. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return 'body';
    const item = el.closest('fieldset[data-item]')?.getAttribute('data-item');
    const text = ((el as HTMLInputElement).labels?.[0]?.textContent ?? el.getAttribute('aria-label') ?? el.textContent ?? '').trim();
    return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${item ? `@${item}` : ''}:${text}`;
  });
}

/** Presses Tab until the focused element matches, as a keyboard user moves through the screen. */
async function tabTo(page: Page, target: RegExp, maxPresses = 40): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    if (target.test(now)) return;
    seen.push(now);
  }
  throw new Error(`Tab never reached ${target}; focus went through:\n${seen.join('\n')}`);
}

const checkedIn = (page: Page, itemKey: string) =>
  itemGroup(page, itemKey).evaluate((group) => group.querySelector<HTMLInputElement>('input[type=radio]:checked')?.parentElement?.textContent ?? null);

describe('the keyboard alone', () => {
  it('logs in, answers questions and moves to the next section with Tab, Space, arrow keys and Enter', async () => {
    // A recipient never reviewed, so the offer is one Tab away (the demo's all had a review this year).
    const { reference } = await api.createRecipient(DEMO.manager, `HT-NY-TANGENT-${Date.now().toString(36)}`);
    keyboardPhone = await newPhone(browser, baseUrl);
    const { page } = keyboardPhone;
    await page.goto('/');
    await page.getByRole('heading', { name: 'Logga in' }).waitFor();

    await tabTo(page, /^input#email/);
    await page.keyboard.type(DEMO.staff);
    await tabTo(page, /^input#password/, 1);
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Brukare' }).waitFor();
    await recipientButton(page, reference).waitFor();

    await tabTo(page, /^input#recipient-search/);
    await page.keyboard.type(reference);
    await tabTo(page, new RegExp(`^button:${reference}`), 1);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: reference }).waitFor();
    await tabTo(page, /^button:Ja, starta genomgången$/);
    await page.keyboard.press('Enter');
    await page.getByText(/^Avsnitt 1 av \d+$/).waitFor();

    await tabTo(page, /^input@alarm_present:Ja$/);
    const ring = await page.evaluate(() => getComputedStyle(document.activeElement?.parentElement as Element).outlineStyle);
    expect(ring, 'the focused answer shows a focus ring').not.toBe('none');
    await page.keyboard.press('Space');
    await until(async () => (await checkedIn(page, 'alarm_present')) === 'Ja', 'Space to choose Ja');
    await page.keyboard.press('ArrowRight');
    await until(async () => (await checkedIn(page, 'alarm_present')) === 'Nej', 'the arrow key to choose Nej');
    expect(await focused(page)).toBe('input@alarm_present:Nej');
    await itemGroup(page, 'alarm_present').getByText('Risk: Hög').waitFor();

    for (const item of ['alarm_tested', 'alarm_perceived', 'alarm_placement']) {
      await tabTo(page, new RegExp(`^input@${item}:Ja$`));
      await page.keyboard.press('Space');
      await until(async () => (await checkedIn(page, item)) === 'Ja', `Space to choose Ja for ${item}`);
    }
    await tabTo(page, /^button:Nästa$/);
    await page.keyboard.press('Enter');
    await page.getByText(/^Avsnitt 2 av \d+$/).waitFor();
    // Focus moves to the new section's heading, so the next Tab starts at its first question.
    await until(async () => (await focused(page)) === 'h1:Larma', 'focus on the new section heading');
    await tabTo(page, /^input@call_112:Ja$/, 3);
    await snap(page, '19-keyboard-section-2');
    expect(keyboardPhone.pageErrors).toEqual([]);
  });
});

describe('logging out and unlocking offline, checked with axe-core', () => {
  it('the account menu, the logout confirmation, the offline login with an error, and the password prompt back online', async () => {
    unlockPhone = await newPhone(browser, baseUrl);
    const { page, context } = unlockPhone;
    await page.clock.install();
    await logIn(page, DEMO.staff2);
    await waitForServiceWorker(page);

    const accountButton = page.getByRole('banner').getByRole('button', { name: / – konto$/ });
    await accountButton.click();
    await page.getByRole('button', { name: 'Logga ut…' }).waitFor();
    await snap(page, '44-account-menu');
    expect(await accessibilityProblems(page)).toEqual([]);
    // Online, the logout revokes the refresh token: back online after the offline unlock, the password is asked.
    await page.getByRole('button', { name: 'Logga ut…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Logga ut?' });
    await dialog.getByText(/^Det som inte är synkat/).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Logga ut', exact: true }).click();

    await page.getByRole('heading', { name: 'Logga in' }).waitFor();
    await context.setOffline(true);
    await page.getByText(/^Du är offline/).waitFor();
    await submitLogin(page, DEMO.staff2, 'inte-lösenordet');
    await page
      .getByRole('alert')
      .getByText(/^Fel lösenord/)
      .waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);

    await page.clock.fastForward(15_000);
    await submitLogin(page, DEMO.staff2);
    await page.getByRole('heading', { name: 'Brukare' }).waitFor();
    await accountButton.click();
    await page.getByText(/^Upplåst utan uppkoppling/).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByRole('button', { name: 'Logga ut…' }).click();
    await dialog.getByText(/^Du är offline/).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Avbryt' }).click();

    await context.setOffline(false);
    await page.locator('.relogin').getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('dialog', { name: 'Logga in för att synka' }).getByLabel('Lösenord').waitFor();
    await snap(page, '45-relogin-prompt');
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(unlockPhone.pageErrors).toEqual([]);
  });
});

/**
 * On a phone every table cell within `scope` wraps between words, never inside one, and a table wider than
 * the screen scrolls sideways in a box a keyboard can reach. Answers how many tables scroll.
 */
async function expectTablesReadableOnAPhone(page: Page, scope: string): Promise<number> {
  expect(await cellsBrokenInsideWords(page, scope)).toEqual([]);
  const sideways = await sidewaysTables(page, scope);
  expect(sideways.filter((t) => !t.focusableRegion)).toEqual([]);
  return sideways.length;
}

async function logInAsCoordinator(page: Page): Promise<void> {
  await page.goto('/');
  await submitLogin(page, DEMO.coordinator);
}

describe("the supervisors' screens, checked with axe-core at 360×640", () => {
  it('dashboard and unit comparison, as a quality coordinator', async () => {
    const coordinatorPhone = await newPhone(browser, baseUrl);
    const { page } = coordinatorPhone;
    await logInAsCoordinator(page);
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('button', { name: 'Uppföljning' }).click();
    await page.getByRole('heading', { name: 'Uppföljning', level: 1 }).waitFor();
    await page.locator('[data-chart="trend"] g[aria-label="text"]').first().waitFor();
    // The widest table at phone size: deviations by category × the administration's three units and the total.
    await page.locator('table[data-table="records-deviation"]').waitFor();
    await snap(page, '20-dashboard-coordinator');
    expect(await accessibilityProblems(page)).toEqual([]);
    // The deviations by category × the three units and their total need more than 360 px: that box scrolls.
    expect(await expectTablesReadableOnAPhone(page, '.dashboard')).toBeGreaterThan(0);
    await page.getByRole('link', { name: 'Jämförelse mellan enheter' }).click();
    await page.locator('[data-chart="comparison"] svg').waitFor();
    await snap(page, '21-comparison');
    expect(await accessibilityProblems(page)).toEqual([]);
    await expectTablesReadableOnAPhone(page, '.dashboard');
    expect(coordinatorPhone.pageErrors).toEqual([]);
    await coordinatorPhone.context.close();
  });

  it('the kvalitetsberättelse and the comparison with other municipalities, as a quality coordinator', async () => {
    // Every table the report can show: the demo has no goal and no other municipality's values, so one of each.
    const year = new Date().getFullYear();
    const { token } = await api.as(DEMO.coordinator);
    const { createGoal } = await api.request<{ createGoal: { id: string } }>(
      'mutation($input: CreateGoalInput!) { createGoal(input: $input) { id } }',
      {
        input: {
          board: 'Vård- och omsorgsnämnden',
          year,
          text: 'Alla brukare i ordinärt boende har ett fungerande trygghetslarm (tillgänglighet)',
          qualityDimension: 'sakerhet',
          targetIndicator: 'COVERAGE',
          targetValue: 1,
        },
      },
      token,
    );
    await api.request(
      'mutation($input: RecordFollowUpInput!) { recordFollowUp(input: $input) { id } }',
      { input: { goalId: createGoal.id, period: `${year}-Q1`, value: 0.85 } },
      token,
    );
    await api.request(
      'mutation($f: ComparisonFormat!, $c: String!) { importComparisonValues(format: $f, content: $c) { inserted } }',
      { f: 'CSV', c: `municipality,indicator,period,value\n0581,U21401,${year - 2},78.5\n0580,U21401,${year - 2},81\n0583,U21401,${year - 2},69.25\n` },
      token,
    );

    const coordinatorPhone = await newPhone(browser, baseUrl);
    const { page } = coordinatorPhone;
    await logInAsCoordinator(page);
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('button', { name: 'Kvalitet' }).click();
    await page.getByRole('heading', { name: 'Kvalitetshjulet' }).waitFor();
    await page.getByRole('button', { name: 'Kvalitetsberättelse', exact: true }).click();
    await page.getByRole('heading', { name: `Kvalitetsberättelse ${year}`, level: 1 }).waitFor();
    await page.getByRole('rowheader', { name: 'Alla brukare i ordinärt boende har ett fungerande trygghetslarm' }).waitFor();
    for (const table of ['report-deviations', 'report-feedback']) await page.locator(`table[data-table="${table}"]`).waitFor();
    await page.locator('section[aria-labelledby="report-self-checks"] table').waitFor();
    await snap(page, '46-quality-report-phone');
    // Deviations by category with six counts beside each need more than 360 px: that box scrolls, as do others.
    expect(await expectTablesReadableOnAPhone(page, 'main')).toBeGreaterThan(0);
    expect(await accessibilityProblems(page)).toEqual([]);

    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('button', { name: 'Kvalitet' }).click();
    await page.getByRole('button', { name: 'Jämförelse med andra kommuner', exact: true }).click();
    await page.getByRole('table', { name: `Indikator U21401 · År ${year - 2}` }).waitFor();
    await snap(page, '47-municipal-comparison-phone');
    await expectTablesReadableOnAPhone(page, 'main');
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(coordinatorPhone.pageErrors).toEqual([]);
    await coordinatorPhone.context.close();
  });
});

describe('the public feedback page, checked with axe-core at 360×640', () => {
  it('without a kommunkod in its path, in Swedish and English, and the same for someone logged in', async () => {
    const visitor = await newPhone(browser, baseUrl);
    const { page } = visitor;
    await page.goto('/synpunkter');
    await page.getByRole('heading', { name: 'Lämna synpunkter eller klagomål', level: 1 }).waitFor();
    // No kommunkod in the path: the sender types it, and the units of that municipality are offered.
    await page.getByLabel('Kommunkod').fill('0581');
    await page
      .getByRole('combobox', { name: /Vilken verksamhet/ })
      .locator('option')
      .nth(1)
      .waitFor({ state: 'attached' });
    await snap(page, '83-feedback-form');
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByRole('button', { name: 'In English' }).click();
    await page.getByRole('heading', { name: 'Give feedback or make a complaint', level: 1 }).waitFor();
    await page.getByRole('group', { name: 'Your contact details (optional)' }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByRole('button', { name: 'På svenska' }).click();

    await page.goto('/');
    await submitLogin(page, DEMO.staff);
    await page.getByRole('heading', { name: 'Brukare' }).waitFor();
    await page.goto('/synpunkter/0581');
    await page.getByRole('heading', { name: 'Lämna synpunkter eller klagomål', level: 1 }).waitFor();
    expect(await page.getByLabel('Kommunkod').count()).toBe(0);
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(visitor.pageErrors).toEqual([]);
    await visitor.context.close();
  });
});
