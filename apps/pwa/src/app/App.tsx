import { useEffect } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { RecipientsScreen } from '../features/recipients/RecipientsScreen.js';
import { OfferScreen } from '../features/review/OfferScreen.js';
import { ReviewScreen } from '../features/review/ReviewScreen.js';
import { SummaryScreen } from '../features/review/SummaryScreen.js';
import { ActionsScreen } from '../features/actions/ActionsScreen.js';
import { AttentionScreen } from '../features/sync/AttentionScreen.js';
import { HelpScreen } from '../features/help/HelpScreen.js';
import { SyncBar } from '../features/sync/SyncBar.js';
import { logout, sessionStore } from '../sync/session.js';
import { refreshReferenceData } from '../sync/reference-sync.js';
import { refreshSyncState } from '../sync/sync-engine.js';
import { startSyncTriggers } from '../sync/triggers.js';
import { useStore } from './hooks.js';
import { navigate, useRoute, type Route } from './router.js';
import { UpdatePrompt } from './UpdatePrompt.js';
import { LanguageButton } from './LanguageButton.js';

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

/** The app of a signed-in user (loaded as a chunk of its own by Root, after the login screen). */
export function App() {
  const { t } = useI18n();
  const session = useStore(sessionStore);
  const route = useRoute();
  const userId = session.status === 'active' ? session.session.user.id : null;

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

  // Root shows the login screen instead while no one, or someone whose login expired, is here.
  if (session.status !== 'active') return null;

  const onLogout = async () => {
    await logout();
    await refreshSyncState();
    navigate({ name: 'recipients' }, { replace: true });
  };

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="top-bar">
        <span className="brand">{t('app.name')}</span>
        <span className="user">{session.session.user.displayName}</span>
        <LanguageButton />
      </header>
      <UpdatePrompt />
      <SyncBar />
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
        <button type="button" onClick={() => void onLogout()}>
          {t('nav.logout')}
        </button>
      </nav>
    </>
  );
}
