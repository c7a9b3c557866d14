import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import { I18nProvider } from '../i18n/i18n.js';
import { AnonymousScreen } from './Root.js';

/**
 * The login screen as HTML, rendered by the build into index.html (vite.config.ts): on a slow link the
 * phone paints it as soon as the page and its stylesheet arrive, a second or more before the JavaScript has
 * loaded, and React then hydrates the same markup (main.tsx). It is the tree main.tsx renders for someone
 * not logged in, in Swedish, online; boot.js hides it where the app would show something else.
 */
export function renderLoginShell(): string {
  return renderToString(
    <StrictMode>
      <I18nProvider>
        <AnonymousScreen expired={false} />
      </I18nProvider>
    </StrictMode>,
  );
}
