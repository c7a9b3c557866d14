import { describe, expect, it } from 'vitest';
import { loadMarkdown } from './markdown.js';

describe("a routine's Markdown", () => {
  it('becomes lists, emphasis and headings below the screen’s own', async () => {
    const render = await loadMarkdown();
    const html = render('# Gör så här\n\n1. Tryck på **testknappen**\n2. Byt *batteri*');
    expect(html).toContain('<h3>Gör så här</h3>');
    expect(html).toContain('<ol>\n<li>Tryck på <strong>testknappen</strong></li>');
    expect(html).toContain('<em>batteri</em>');
  });

  it('shows raw HTML as text, never as markup', async () => {
    const render = await loadMarkdown();
    const html = render('<script>alert(1)</script>\n\nText <img src=x onerror="alert(2)"> och <b>fet</b>');
    const page = document.createElement('div');
    page.innerHTML = html;
    expect(page.querySelector('script, img, b')).toBeNull();
    expect(page.textContent).toContain('<script>alert(1)</script>');
    expect(page.textContent).toContain('<img src=x onerror="alert(2)">');
  });

  it('drops links that would run script, and keeps ordinary ones', async () => {
    const render = await loadMarkdown();
    const page = document.createElement('div');
    page.innerHTML = render('[klicka](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=) [MSB](https://www.msb.se/brandvarnare)');
    expect([...page.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual(['https://www.msb.se/brandvarnare']);
  });
});
