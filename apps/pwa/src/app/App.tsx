import { lazy, Suspense, useEffect } from 'react';
import { useI18n } from '../i18n/i18n.js';
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
import { sessionStore } from '../sync/session.js';
import { refreshReferenceData } from '../sync/reference-sync.js';
import { startSyncTriggers } from '../sync/triggers.js';
import { useStore } from './hooks.js';
import { navigate, useRoute, type Route } from './router.js';
import { UpdatePrompt } from './UpdatePrompt.js';
import { LanguageButton } from './LanguageButton.js';

const REFERENCE_REFRESH_MS = 60_000;

// The supervisors' screens (Apollo Client, charts) are a chunk of their own, loaded only when opened.
const SupervisorApp = lazy(() => import('../features/dashboard/SupervisorApp.js'));
const SUPERVISOR_ROLES: ReadonlySet<string> = new Set(['unit_manager', 'quality_coordinator', 'admin']);
// The quality wheel's screens (plan, follow-up, report), in their own chunk, likewise.
const QualityRoutes = lazy(() => import('../features/plan/QualityRoutes.js'));
// The user's second factors (passkeys, authenticator app), with the WebAuthn library: a chunk of its own.
const SecurityScreen = lazy(() => import('../features/security/SecurityScreen.js'));
// A deviation report, offline too: the chunk is precached like the others.
const DeviationReportScreen = lazy(() => import('../features/deviations/DeviationReportScreen.js'));
// The supervisors' deviations (online).
const DeviationsScreen = lazy(() => import('../features/deviations/DeviationsScreen.js'));
// The supervisors' user-survey import (online).
const SurveyImportScreen = lazy(() => import('../features/surveys/SurveyImportScreen.js'));
// Self-checks: plans, performing one, findings and actions (online).
const SelfChecksScreen = lazy(() => import('../features/self-checks/SelfChecksScreen.js'));
// Routines (read offline: the chunk is precached like the others) and, further in, their Markdown renderer.
const RoutineRoutes = lazy(() => import('../features/routines/RoutineRoutes.js'));

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
    case 'dashboard':
    case 'comparison':
      return <SupervisorApp view={route.name} />;
    case 'quality':
    case 'goal':
    case 'overdue':
    case 'riskFollowUp':
    case 'report':
    case 'municipalComparison':
    case 'templates':
    case 'privacy':
    case 'webhooks':
    case 'feedbackCases':
    case 'users':
    case 'roleMappings':
    case 'mySessions':
      return <QualityRoutes route={route} />;
    case 'security':
      return <SecurityScreen />;
    case 'deviationReport':
      return <DeviationReportScreen />;
    case 'deviations':
      return <DeviationsScreen />;
    case 'surveyImport':
      return <SurveyImportScreen />;
    case 'selfChecks':
      return <SelfChecksScreen />;
    case 'routines':
    case 'routine':
    case 'routineEdit':
      return <RoutineRoutes route={route} />;
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

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="top-bar">
        <span className="brand">{t('app.name')}</span>
        <AccountMenu session={session.session} />
        <LanguageButton />
      </header>
      <UpdatePrompt />
      <SyncBar />
      {session.session.localOnly && <ReloginPrompt session={session.session} />}
      <main id="main">
        {/* One fallback for every screen in a chunk of its own (supervisors', quality wheel, security). */}
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
        {SUPERVISOR_ROLES.has(session.session.user.role) && (
          <button
            type="button"
            aria-current={route.name === 'dashboard' || route.name === 'comparison' ? 'page' : undefined}
            onClick={() => navigate({ name: 'dashboard' })}
          >
            {t('nav.dashboard')}
          </button>
        )}
        {SUPERVISOR_ROLES.has(session.session.user.role) && (
          <button
            type="button"
            aria-current={route.name === 'quality' ? 'page' : undefined}
            onClick={() => navigate({ name: 'quality', year: new Date().getFullYear() })}
          >
            {t('nav.quality')}
          </button>
        )}
        {/* Supervisors reach the routines from Kvalitet: six buttons do not fit a phone's width. */}
        {!SUPERVISOR_ROLES.has(session.session.user.role) && (
          <button
            type="button"
            aria-current={route.name === 'routines' || route.name === 'routine' || route.name === 'routineEdit' ? 'page' : undefined}
            onClick={() => navigate({ name: 'routines' })}
          >
            {t('nav.routines')}
          </button>
        )}
        <button type="button" aria-current={route.name === 'help' ? 'page' : undefined} onClick={() => navigate({ name: 'help' })}>
          {t('nav.help')}
        </button>
      </nav>
    </>
  );
}
