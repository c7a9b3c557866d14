import { lazy, Suspense, useEffect } from 'react';
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
import { loadSession, logout, sessionStore } from '../sync/session.js';
import { refreshReferenceData } from '../sync/reference-sync.js';
import { refreshSyncState } from '../sync/sync-engine.js';
import { startSyncTriggers } from '../sync/triggers.js';
import { useStore } from './hooks.js';
import { navigate, useRoute, type Route } from './router.js';
import { UpdatePrompt } from './UpdatePrompt.js';

const REFERENCE_REFRESH_MS = 60_000;

// The supervisors' screens, in their own chunk: the staff app's critical path never loads them.
const QualityRoutes = lazy(() => import('../features/plan/QualityRoutes.js'));
const SUPERVISORS = new Set(['unit_manager', 'quality_coordinator', 'admin']);

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
    case 'quality':
    case 'goal':
    case 'overdue':
    case 'riskFollowUp':
    case 'report':
    case 'comparison':
      return <QualityRoutes route={route} />;
  }
}

export function App() {
  const { t, locale, setLocale } = useI18n();
  const session = useStore(sessionStore);
  const route = useRoute();
  const userId = session.status === 'active' ? session.session.user.id : null;

  useEffect(() => {
    void loadSession();
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
        {languageButton}
      </header>
      <UpdatePrompt />
      <SyncBar />
      <main id="main">
        <Suspense fallback={<p className="loading">{t('common.loading')}</p>}>
          <Screen route={route} />
        </Suspense>
      </main>
      <nav className="bottom-nav" aria-label={t('nav.main')}>
        <button type="button" aria-current={route.name === 'recipients' ? 'page' : undefined} onClick={() => navigate({ name: 'recipients' })}>
          {t('nav.recipients')}
        </button>
        <button type="button" aria-current={route.name === 'actions' ? 'page' : undefined} onClick={() => navigate({ name: 'actions' })}>
          {t('nav.actions')}
        </button>
        {SUPERVISORS.has(session.session.user.role) && (
          <button
            type="button"
            aria-current={route.name === 'quality' ? 'page' : undefined}
            onClick={() => navigate({ name: 'quality', year: new Date().getFullYear() })}
          >
            {t('nav.quality')}
          </button>
        )}
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
