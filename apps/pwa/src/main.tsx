import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Root } from './app/Root.js';
import { I18nProvider } from './i18n/i18n.js';
import { registerServiceWorker } from './app/service-worker.js';
import { loadSession } from './sync/session.js';
import { maybeSignedIn } from './data/session-store.js';
import './styles.css';

// Who is logged in decides the first screen. When someone may be, ask IndexedDB now, while React starts;
// when no one is, the login screen shows at once and the check waits until it is painted.
if (maybeSignedIn()) void loadSession();
else afterFirstPaint(() => void loadSession());
// The service worker's install downloads every chunk: not before the first screen is there.
afterFirstPaint(registerServiceWorker);

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <I18nProvider>
      <Root />
    </I18nProvider>
  </StrictMode>,
);

/** Runs `task` once, after the first frame is painted, or after a second where no frame comes (a hidden tab). */
function afterFirstPaint(task: () => void): void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    task();
  };
  requestAnimationFrame(() => setTimeout(run, 0));
  setTimeout(run, 1_000);
}
