import { useEffect, useState } from 'react';
import { loadMarkdown } from './markdown.js';

/** A routine's Markdown as HTML that holds only what markdown-it itself writes. */
export function MarkdownText({ text, loadingLabel, lang }: { text: string; loadingLabel: string; lang: 'sv' | 'en' }) {
  const [html, setHtml] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void loadMarkdown().then((render) => live && setHtml(render(text)));
    return () => {
      live = false;
    };
  }, [text]);
  if (html === null) return <p className="loading">{loadingLabel}</p>;
  // Safe: markdown-it with html: false escapes every tag in the text (see markdown.ts).
  return <div className="markdown" lang={lang} data-routine-text dangerouslySetInnerHTML={{ __html: html }} />;
}
