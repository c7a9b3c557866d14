import { navigate } from '../../app/router.js';
import { useI18n } from '../../i18n/i18n.js';
import { ComparisonScreen } from './ComparisonScreen.js';
import { DashboardScreen } from './DashboardScreen.js';

/** The supervisors' screens: loaded as their own chunk (App.tsx imports this module dynamically). */
export default function SupervisorApp({ view }: { view: 'dashboard' | 'comparison' }) {
  const { t } = useI18n();
  return (
    <>
      <nav className="sub-nav" aria-label={t('dashboard.nav')}>
        <a
          href="/uppfoljning"
          aria-current={view === 'dashboard' ? 'page' : undefined}
          onClick={(e) => {
            e.preventDefault();
            navigate({ name: 'dashboard' });
          }}
        >
          {t('dashboard.overview')}
        </a>
        <a
          href="/uppfoljning/jamforelse"
          aria-current={view === 'comparison' ? 'page' : undefined}
          onClick={(e) => {
            e.preventDefault();
            navigate({ name: 'comparison' });
          }}
        >
          {t('comparison.title')}
        </a>
      </nav>
      {view === 'dashboard' ? <DashboardScreen /> : <ComparisonScreen />}
    </>
  );
}
