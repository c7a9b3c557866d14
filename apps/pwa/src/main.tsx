import { StrictMode } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { Root } from './app/Root.js';
import { I18nProvider, initialLocale } from './i18n/i18n.js';
import { registerServiceWorker } from './app/service-worker.js';
import { loadSession, sessionStore } from './sync/session.js';
import { maybeSignedIn } from './data/session-store.js';
import { keepTypedBeforeStart } from './features/auth/typed-before-start.js';
import { takeProviderReturn } from './features/auth/provider-return.js';
import { feedbackPageOf } from './app/public-pages.js';
import './styles.css';

// Back from the identity provider: its one-time code leaves the URL before anything else runs.
takeProviderReturn();
// Who is logged in decides the first screen. When someone may be, ask IndexedDB now, while React starts;
// when no one is, the login screen shows at once and the check waits until it is painted.
if (maybeSignedIn()) void loadSession();
else afterFirstPaint(() => void loadSession());
// The service worker's install downloads every chunk: not before the first screen is there.
afterFirstPaint(registerServiceWorker);

const app = (
  <StrictMode>
    <I18nProvider>
      <Root />
    </I18nProvider>
  </StrictMode>
);
const container = document.getElementById('root') as HTMLElement;
// index.html holds the login screen as the build rendered it (login-shell.tsx): Swedish, online, no one
// logged in. When that is what this first render shows, React takes over the markup; otherwise it renders
// afresh, and the prerendered screen (hidden by boot.js where it can tell) goes. A public page (the feedback
// form) never shows the login screen, whoever is here.
const showsLoginShell = feedbackPageOf(location.pathname) === null && sessionStore.get().status === 'anonymous' && initialLocale() === 'sv' && navigator.onLine;
if (container.hasChildNodes() && showsLoginShell) {
  keepTypedBeforeStart(container);
  hydrateRoot(container, app);
} else {
  container.replaceChildren();
  createRoot(container).render(app);
}
document.documentElement.classList.remove('login-shell-hidden');

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
