import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { DEMO } from './support/api.js';
import { logIn, logOut, startReview, waitForServiceWorker } from './support/app.js';
import { usePhone } from './support/browser.js';

/*
 * The staff app runs under the API's Content-Security-Policy (no inline script, styles only from our
 * stylesheets): a worker and a manager go through the screens that load code and styles (login, the
 * service worker's registration, a review, the dashboard's lazy chunk and its charts, English) and the
 * browser reports no violation. A control shows the listener hears one when there is one.
 */

const baseUrl = inject('baseUrl');
const thePhone = usePhone('content-security-policy', baseUrl);

/** Every CSP violation and every console error about the policy, from each page of the phone, from its first byte. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) consoleErrors.push(message.text());
  });
  await page.context().addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`),
    );
  });
  return async () => [...consoleErrors, ...(await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []))];
}

describe('the staff app under the Content-Security-Policy', () => {
  it('is served with a policy that allows scripts from its own origin only', async () => {
    const response = await fetch(`${baseUrl}/`, { headers: { accept: 'text/html' } });
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    await response.arrayBuffer();
  });

  it('runs a worker through login, the service worker, a review and English, with no violation', { timeout: 120_000 }, async () => {
    const { page } = thePhone();
    const violations = await watchViolations(page);
    await logIn(page, DEMO.staff);
    await waitForServiceWorker(page);
    await startReview(page, 'HT-0041');
    await page.reload();
    await page.getByText('Avsnitt 1 av').waitFor();
    expect(await violations()).toEqual([]);
    await page.goto('/');
    await page.getByRole('button', { name: 'In English' }).click();
    await page.getByRole('heading', { name: 'Clients' }).waitFor();
    expect(await violations()).toEqual([]);
    await page.getByRole('button', { name: 'På svenska' }).click();
    await page.getByRole('heading', { name: 'Brukare' }).waitFor();
    await logOut(page);
  });

  it("runs a manager's dashboard (a lazy chunk with charts) with no violation", { timeout: 120_000 }, async () => {
    const { page } = thePhone();
    const violations = await watchViolations(page);
    await logIn(page, DEMO.manager);
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('button', { name: 'Uppföljning' }).click();
    await page.getByRole('heading', { name: 'Uppföljning', level: 1 }).waitFor();
    await page.locator('[data-chart="coverage"] svg').waitFor();
    expect(await violations()).toEqual([]);
  });

  it('is heard when the policy is broken: an injected inline script is refused and reported (the control)', async () => {
    const { page } = thePhone();
    const violations = await watchViolations(page);
    await page.goto('/');
    await page
      .getByRole('heading', { name: /Brukare|Logga in/ })
      .first()
      .waitFor();
    const ran = await page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true;';
      document.body.append(script);
      await new Promise((resolve) => setTimeout(resolve, 200));
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
    });
    expect(ran).toBe(false);
    expect((await violations()).join('\n')).toMatch(/script-src/);
  });
});
