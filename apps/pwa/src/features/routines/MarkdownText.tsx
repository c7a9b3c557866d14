import { useEffect, useState } from 'react';

type Render = (text: string) => string;
let renderer: Promise<Render> | undefined;

/**
 * markdown-it, loaded the first time a routine is shown (it is not on the login screen's path). Raw HTML
 * is off, so a tag in a routine shows as text and never reaches the page as markup; markdown-it's own link
 * check drops javascript:, vbscript: and data: links. Headings move down two levels, so a routine's "#"
 * sits under the screen's own h1 and h2.
 */
function loadRenderer(): Promise<Render> {
  renderer ??= import('markdown-it').then(({ default: MarkdownIt }) => {
    const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
    md.core.ruler.push('lower_headings', (state) => {
      for (const token of state.tokens)
        if (token.type === 'heading_open' || token.type === 'heading_close') token.tag = `h${Math.min(6, Number(token.tag.slice(1)) + 2)}`;
    });
    return (text: string) => md.render(text);
  });
  return renderer;
}

/** A routine's Markdown as HTML that holds only what markdown-it itself writes. */
export function MarkdownText({ text, loadingLabel, lang }: { text: string; loadingLabel: string; lang: 'sv' | 'en' }) {
  const [html, setHtml] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void loadRenderer().then((render) => live && setHtml(render(text)));
    return () => {
      live = false;
    };
  }, [text]);
  if (html === null) return <p className="loading">{loadingLabel}</p>;
  // Safe: markdown-it with html: false escapes every tag in the text (see loadRenderer).
  return <div className="markdown" lang={lang} data-routine-text dangerouslySetInnerHTML={{ __html: html }} />;
}
