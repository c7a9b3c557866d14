import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/**
 * What a screen reader, keyboard or low-vision user would trip over on the current screen: axe-core's
 * serious and critical violations (WCAG 2.x A and AA plus best practices), one line each with the
 * offending elements, and whether the page scrolls sideways at the phone's width.
 */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  const problems = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  if (overflow > 0) problems.push(`horizontal scrolling: ${overflow}px wider than the screen`);
  return problems;
}
