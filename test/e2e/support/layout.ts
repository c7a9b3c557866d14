import type { Locator, Page } from 'playwright-core';

/*
 * What a person sees of an element, measured in the page: whether it is inside the part of the screen
 * that the fixed bottom menu does not cover, and whether its text is shown whole (not cut off by its own
 * box or by an ancestor that clips, and not ended with an ellipsis).
 */

/** The element's box, and the visible band of the screen: from the top to the bottom menu (or the screen's bottom). */
export async function placeOnScreen(locator: Locator): Promise<{ top: number; bottom: number; visibleTop: number; visibleBottom: number }> {
  return locator.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const menu = document.querySelector('.bottom-nav')?.getBoundingClientRect();
    return { top: box.top, bottom: box.bottom, visibleTop: 0, visibleBottom: menu ? menu.top : window.innerHeight };
  });
}

/** Whether the whole element is on screen now, above the bottom menu. */
export async function fullyOnScreen(locator: Locator): Promise<boolean> {
  const place = await placeOnScreen(locator);
  return place.top >= place.visibleTop && place.bottom <= place.visibleBottom;
}

/**
 * Whether every character of the element's text is drawn: each line box of its text lies within the
 * element and within every ancestor that clips its content, and nothing is cut with an ellipsis.
 */
export async function textShownWhole(locator: Locator): Promise<{ whole: boolean; why: string }> {
  return locator.evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const lines = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
    if (lines.length === 0) return { whole: false, why: 'no text is drawn' };
    const style = getComputedStyle(el);
    if (style.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth) return { whole: false, why: 'cut with an ellipsis' };
    for (let box: Element | null = el; box; box = box.parentElement) {
      const s = getComputedStyle(box);
      const clips = box === el || s.overflowX !== 'visible' || s.overflowY !== 'visible';
      if (!clips || box === document.documentElement || box === document.body) continue;
      const edge = box.getBoundingClientRect();
      for (const line of lines) {
        if (line.left < edge.left - 1 || line.right > edge.right + 1 || line.top < edge.top - 1 || line.bottom > edge.bottom + 1) {
          return { whole: false, why: `a line (${Math.round(line.left)}–${Math.round(line.right)}) falls outside <${box.tagName.toLowerCase()}>` };
        }
      }
    }
    return { whole: true, why: '' };
  });
}

/** The id of the focused element, or of the nearest focused ancestor with one. */
export function focusedId(page: Page): Promise<string | null> {
  return page.evaluate(() => document.activeElement?.id || null);
}

/**
 * Table cells (within `scope`) whose text is drawn on more lines than it has words: broken inside a word,
 * as "Centru|m" was when every letter was a place to break. Each found cell is named with its text.
 */
export async function cellsBrokenInsideWords(page: Page, scope: string): Promise<string[]> {
  return page.evaluate(
    (selector) =>
      [...document.querySelectorAll(`${selector} th, ${selector} td`)].flatMap((cell) => {
        const range = document.createRange();
        range.selectNodeContents(cell);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
        const words = (cell.textContent ?? '').trim().split(/\s+/).filter(Boolean).length;
        return lines > words ? [`"${cell.textContent}" on ${lines} lines`] : [];
      }),
    scope,
  );
}

/**
 * The tables within `scope` that need more room than they have, and whether the box each scrolls in is a named
 * region a keyboard can focus (role, tabindex 0, a label): otherwise only a mouse or a finger could see the rest,
 * or nobody, when no box scrolls and the page cuts the table off at the screen's edge. The box is the table's
 * nearest ancestor that does not let it spill over (a `.table-scroll`, or a card that scrolls); each table is
 * named by its caption, its `data-table` or its column headers, and `label` is its box's.
 */
export async function sidewaysTables(page: Page, scope: string): Promise<Array<{ table: string; label: string | null; focusableRegion: boolean }>> {
  return page.evaluate(
    (selector) =>
      [...document.querySelectorAll<HTMLTableElement>(`${selector} table`)].flatMap((table) => {
        let box = table.parentElement;
        while (box && box !== document.body && getComputedStyle(box).overflowX === 'visible') box = box.parentElement;
        const own = box === document.body ? null : box;
        // With no box of its own, the page is the box: the body does not scroll sideways, it cuts off.
        const tooWide = own ? own.scrollWidth > own.clientWidth + 1 : table.getBoundingClientRect().right > document.documentElement.clientWidth + 1;
        if (!tooWide) return [];
        const headers = [...(table.tHead?.rows[0]?.cells ?? [])].map((cell) => cell.textContent?.trim()).join(' | ');
        return [
          {
            table: table.caption?.textContent?.trim() || table.dataset['table'] || headers,
            label: own?.getAttribute('aria-label') ?? null,
            focusableRegion: own?.getAttribute('role') === 'region' && own.getAttribute('tabindex') === '0' && Boolean(own.getAttribute('aria-label')),
          },
        ];
      }),
    scope,
  );
}
