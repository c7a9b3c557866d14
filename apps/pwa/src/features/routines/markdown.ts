/** A renderer from a routine's Markdown to HTML. */
export type RenderMarkdown = (text: string) => string;

let renderer: Promise<RenderMarkdown> | undefined;

/**
 * markdown-it, loaded the first time a routine is shown (it is not on the login screen's path). Raw HTML
 * is off, so a tag in a routine shows as text and never reaches the page as markup; markdown-it's own link
 * check drops javascript:, vbscript: and data: links. Headings move down two levels, so a routine's "#"
 * sits under the screen's own h1 and h2.
 */
export function loadMarkdown(): Promise<RenderMarkdown> {
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
