import { lazy, Suspense, useEffect } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { LoginScreen } from '../features/auth/LoginScreen.js';
import { PinSetupScreen } from '../features/auth/PinSetupScreen.js';
import { sessionStore, settleEndedSessions } from '../sync/session.js';
import { useStore } from './hooks.js';
import { LanguageButton } from './LanguageButton.js';
import { UpdatePrompt } from './UpdatePrompt.js';
import { feedbackPageOf } from './public-pages.js';

/*
 * The signed-in app (its screens, sync, the domain rules) is a chunk of its own, loaded after login or,
 * for someone logged in already, right away: the login screen's critical JavaScript is React and this
 * file's few imports. The service worker precaches every chunk, so all of it opens offline.
 */
const SignedInApp = lazy(() => import('./App.js').then((module) => ({ default: module.App })));
// The public feedback form: for anyone, logged in or not, and likewise a chunk of its own. Known cost: with
// rolldown 1.2.19 any further lazy chunk that imports from the login chunk (a 3-line one does) makes the
// bundler split React and the catalogues out of it: login JS 88.1 → 94.0 KB in bench/pwa-bench.ts, within
// its 100 KB budget. Merging them back is the bundler's to fix (rolldown#10731), not this page's.
const PublicFeedbackPage = lazy(() => import('../features/feedback/PublicFeedbackPage.js'));

/** Who is here decides what loads: the login screen, or the app. */
export function Root() {
  const { t } = useI18n();
  // main.tsx starts reading the session before the first render: who is here is known sooner.
  const session = useStore(sessionStore);

  useEffect(() => {
    // Sessions ended while offline are revoked on the server as soon as it can be reached, logged in or not.
    const settle = () => void settleEndedSessions().catch(() => undefined);
    settle();
    window.addEventListener('online', settle);
    return () => window.removeEventListener('online', settle);
  }, []);

  // A public page is the same for everyone: it does not wait for the session, nor depend on it.
  const feedbackPage = feedbackPageOf(location.pathname);
  if (feedbackPage)
    return (
      <Suspense fallback={<p className="loading">{t('common.loading')}</p>}>
        <PublicFeedbackPage kommunkod={feedbackPage.kommunkod} />
      </Suspense>
    );
  if (session.status === 'loading') return <p className="loading">{t('common.loading')}</p>;
  if (session.status === 'anonymous' || session.expired) return <AnonymousScreen expired={session.status === 'active' && session.expired} />;
  if (session.needsPin)
    return (
      <>
        <header className="top-bar">
          <span className="brand">{t('app.name')}</span>
          <LanguageButton />
        </header>
        <main id="main">
          <PinSetupScreen />
        </main>
      </>
    );
  return (
    <Suspense fallback={<p className="loading">{t('common.loading')}</p>}>
      <SignedInApp />
    </Suspense>
  );
}

/**
 * The login screen with its top bar. The build also renders it into index.html (`login-shell.tsx`), so a
 * phone paints it before any JavaScript arrives; React then takes over the same markup (hydration).
 */
export function AnonymousScreen({ expired }: { expired: boolean }) {
  const { t } = useI18n();
  return (
    <>
      <header className="top-bar">
        <span className="brand">{t('app.name')}</span>
        <LanguageButton />
      </header>
      <UpdatePrompt />
      <main id="main">
        <LoginScreen expired={expired} />
      </main>
    </>
  );
}
