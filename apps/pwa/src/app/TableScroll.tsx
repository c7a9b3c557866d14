import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';

/**
 * A table that may need more room than a phone has: it scrolls sideways inside this box, with each cell
 * wrapped between words, not inside one. While it does scroll, the box is a named region that a keyboard can
 * focus and scroll with the arrow keys (WCAG 2.1.1; axe's scrollable-region-focusable); while the table fits,
 * it is no stop on the way through the page.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => setScrolls(element.scrollWidth > element.clientWidth + 1);
    measure();
    // Not in every environment (jsdom has none); there the table is taken to fit.
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={box} className="table-scroll" {...(scrolls ? { role: 'region', 'aria-label': label, tabIndex: 0 } : {})}>
      {children}
    </div>
  );
}
