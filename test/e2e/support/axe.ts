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
  problems.push(...(await nonTextContrastProblems(page)));
  return problems;
}

/**
 * WCAG 1.4.11 (non-text contrast), which axe does not check: every visible edge (border) of an element,
 * and the focus ring of the focused element, has at least 3:1 against the background around it, unless
 * the element's own background already stands out by 3:1 (a filled button). One line per kind of edge.
 */
export async function nonTextContrastProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    type Rgba = [number, number, number, number];
    const parse = (css: string): Rgba => {
      const n = css.match(/[\d.]+/g)?.map(Number) ?? [0, 0, 0, 0];
      return [n[0] ?? 0, n[1] ?? 0, n[2] ?? 0, css.startsWith('rgba') ? (n[3] ?? 0) : 1];
    };
    const over = (top: Rgba, below: Rgba): Rgba => {
      const a = top[3];
      return [top[0] * a + below[0] * (1 - a), top[1] * a + below[1] * (1 - a), top[2] * a + below[2] * (1 - a), 1];
    };
    const luminance = ([r, g, b]: Rgba) => {
      const channel = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const contrast = (a: Rgba, b: Rgba) => {
      const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number];
      return (x + 0.05) / (y + 0.05);
    };
    const hex = (c: Rgba) =>
      `#${c
        .slice(0, 3)
        .map((v) => Math.round(v).toString(16).padStart(2, '0'))
        .join('')}`;
    /** The colour behind an element: its ancestors' backgrounds, composed, on white. */
    const around = (el: Element): Rgba => {
      const layers: Rgba[] = [];
      for (let at = el.parentElement; at; at = at.parentElement) {
        const bg = parse(getComputedStyle(at).backgroundColor);
        if (bg[3] > 0) layers.push(bg);
        if (bg[3] >= 1) break;
      }
      return layers.reduceRight<Rgba>((below, top) => over(top, below), [255, 255, 255, 1]);
    };
    const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.classList.length ? `.${[...el.classList].join('.')}` : ''}`;
    const shown = (el: Element, style: CSSStyleDeclaration) => {
      const box = el.getBoundingClientRect();
      return box.width > 2 && box.height > 2 && style.visibility !== 'hidden' && Number(style.opacity) > 0 && el.getClientRects().length > 0;
    };
    const problems = new Map<string, string>();
    for (const el of document.body.querySelectorAll('*')) {
      const style = getComputedStyle(el);
      if (!shown(el, style)) continue;
      // Native check boxes and radio buttons draw their own edge; their CSS border is not painted.
      if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio') && style.appearance !== 'none') continue;
      const outside = around(el);
      const own = over(parse(style.backgroundColor), outside);
      if (contrast(own, outside) >= 3) continue;
      for (const side of ['Top', 'Right', 'Bottom', 'Left'] as const) {
        const width = parseFloat(style.getPropertyValue(`border-${side.toLowerCase()}-width`));
        const kind = style.getPropertyValue(`border-${side.toLowerCase()}-style`);
        if (!(width >= 1) || kind === 'none' || kind === 'hidden') continue;
        const edge = over(parse(style.getPropertyValue(`border-${side.toLowerCase()}-color`)), outside);
        const ratio = contrast(edge, outside);
        if (ratio < 3) {
          const key = `${describe(el)}|${hex(edge)}|${hex(outside)}`;
          problems.set(key, `non-text contrast: the border of ${describe(el)} (${hex(edge)} on ${hex(outside)}) is ${ratio.toFixed(2)}:1, needs 3:1`);
        }
      }
    }
    const focused = document.activeElement;
    if (focused && focused !== document.body && focused.matches(':focus-visible')) {
      const style = getComputedStyle(focused);
      if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1) {
        const outside = around(focused);
        const ring = over(parse(style.outlineColor), outside);
        const ratio = contrast(ring, outside);
        if (ratio < 3)
          problems.set(
            'focus',
            `non-text contrast: the focus ring of ${describe(focused)} (${hex(ring)} on ${hex(outside)}) is ${ratio.toFixed(2)}:1, needs 3:1`,
          );
      }
    }
    return [...problems.values()];
  });
}
