import { useI18n } from '../../i18n/i18n.js';
import type { ViewState } from './use-indicator-view.js';

/** When the figures were fetched, and whether they are the saved last view (offline). */
export function ViewStatus({ state }: { state: ViewState<unknown> }) {
  const { t, locale } = useI18n();
  if (state.status === 'loading') return <p className="loading">{t('common.loading')}</p>;
  if (state.status === 'offline-empty') return <p className="status status-waiting">{t('dashboard.noData')}</p>;
  if (state.status === 'error')
    return (
      <p className="status status-error" role="alert">
        {t('dashboard.error', { message: state.message })}
      </p>
    );
  const time = new Date(state.fetchedAt).toLocaleString(locale === 'sv' ? 'sv-SE' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <p className={state.offline ? 'status status-waiting' : 'list-meta'} data-fetched-at={state.fetchedAt} role="status">
      {state.offline ? t('dashboard.offline', { time }) : t('dashboard.fetchedAt', { time })}
    </p>
  );
}
