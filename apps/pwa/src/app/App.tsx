import { useEffect } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { LoginScreen } from '../features/auth/LoginScreen.js';
import { RecipientsScreen } from '../features/recipients/RecipientsScreen.js';
import { OfferScreen } from '../features/review/OfferScreen.js';
import { ReviewScreen } from '../features/review/ReviewScreen.js';
import { SummaryScreen } from '../features/review/SummaryScreen.js';
import { ActionsScreen } from '../features/actions/ActionsScreen.js';
import { AttentionScreen } from '../features/sync/AttentionScreen.js';
import { HelpScreen } from '../features/help/HelpScreen.js';
import { SyncBar } from '../features/sync/SyncBar.js';
import { AccountMenu } from '../features/auth/AccountMenu.js';
import { ReloginPrompt } from '../features/auth/ReloginPrompt.js';
import { loadSession, sessionStore, settleEndedSessions } from '../sync/session.js';
import { refreshReferenceData } from '../sync/reference-sync.js';
import { startSyncTriggers } from '../sync/triggers.js';
import { useStore } from './hooks.js';
import { navigate, useRoute, type Route } from './router.js';
import { UpdatePrompt } from './UpdatePrompt.js';

const REFERENCE_REFRESH_MS = 60_000;

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case 'recipients':
      return <RecipientsScreen />;
    case 'offer':
      return <OfferScreen recipientId={route.recipientId} />;
    case 'review':
      return <ReviewScreen clientId={route.clientId} />;
    case 'summary':
      return <SummaryScreen clientId={route.clientId} />;
    case 'actions':
      return <ActionsScreen />;
    case 'attention':
      return <AttentionScreen />;
    case 'help':
      return <HelpScreen />;
  }
}

export function App() {
  const { t, locale, setLocale } = useI18n();
  const session = useStore(sessionStore);
  const route = useRoute();
  const userId = session.status === 'active' ? session.session.user.id : null;

  useEffect(() => {
    void loadSession();
    // Sessions ended while offline are revoked on the server as soon as it can be reached.
    const settle = () => void settleEndedSessions().catch(() => undefined);
    settle();
    window.addEventListener('online', settle);
    return () => window.removeEventListener('online', settle);
  }, []);
  useEffect(() => {
    if (!userId) return;
    const stop = startSyncTriggers();
    const refresh = () => void refreshReferenceData().catch(() => undefined);
    refresh();
    window.addEventListener('online', refresh);
    // Keeps the list fresh, and recovers from a download that failed (a flaky link at login).
    const timer = window.setInterval(() => navigator.onLine && refresh(), REFERENCE_REFRESH_MS);
    return () => {
      stop();
      window.removeEventListener('online', refresh);
      window.clearInterval(timer);
    };
  }, [userId]);

  const languageButton = (
    <button type="button" className="link-button" lang={locale === 'sv' ? 'en' : 'sv'} onClick={() => setLocale(locale === 'sv' ? 'en' : 'sv')}>
      {t('lang.switch')}
    </button>
  );

  if (session.status === 'loading') return <p className="loading">{t('common.loading')}</p>;
  if (session.status === 'anonymous' || session.expired) {
    return (
      <>
        <header className="top-bar">
          <span className="brand">{t('app.name')}</span>
          {languageButton}
        </header>
        <UpdatePrompt />
        <main id="main">
          <LoginScreen expired={session.status === 'active' && session.expired} />
        </main>
      </>
    );
  }

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="top-bar">
        <span className="brand">{t('app.name')}</span>
        <AccountMenu session={session.session} />
        {languageButton}
      </header>
      <UpdatePrompt />
      <SyncBar />
      {session.session.localOnly && <ReloginPrompt session={session.session} />}
      <main id="main">
        <Screen route={route} />
      </main>
      <nav className="bottom-nav" aria-label={t('nav.main')}>
        <button type="button" aria-current={route.name === 'recipients' ? 'page' : undefined} onClick={() => navigate({ name: 'recipients' })}>
          {t('nav.recipients')}
        </button>
        <button type="button" aria-current={route.name === 'actions' ? 'page' : undefined} onClick={() => navigate({ name: 'actions' })}>
          {t('nav.actions')}
        </button>
        <button type="button" aria-current={route.name === 'help' ? 'page' : undefined} onClick={() => navigate({ name: 'help' })}>
          {t('nav.help')}
        </button>
      </nav>
    </>
  );
}
