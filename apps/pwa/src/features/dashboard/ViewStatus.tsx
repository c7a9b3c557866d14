import { useI18n } from '../../i18n/i18n.js';
import type { ViewState } from './use-indicator-view.js';

/**
 * When the figures were fetched, and whether they are the saved last view (offline). `asOf`: the moment the
 * figures are complete to, when the API read them from a replica that was behind (docs/scaling.md).
 */
export function ViewStatus({ state, asOf }: { state: ViewState<unknown>; asOf?: string | undefined }) {
  const { t, locale } = useI18n();
  if (state.status === 'loading') return <p className="loading">{t('common.loading')}</p>;
  if (state.status === 'offline-empty') return <p className="status status-waiting">{t('dashboard.noData')}</p>;
  if (state.status === 'error')
    return (
      <p className="status status-error" role="alert">
        {t('dashboard.error', { message: state.message })}
      </p>
    );
  const format = (iso: string) => new Date(iso).toLocaleString(locale === 'sv' ? 'sv-SE' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
  const time = format(state.fetchedAt);
  // A replica a minute or more behind: say as of when the figures are, not only when they were fetched.
  const behind = asOf !== undefined && Date.parse(state.fetchedAt) - Date.parse(asOf) >= 60_000;
  return (
    <p className={state.offline ? 'status status-waiting' : 'list-meta'} data-fetched-at={state.fetchedAt} data-as-of={asOf} role="status">
      {state.offline ? t('dashboard.offline', { time }) : t('dashboard.fetchedAt', { time })}
      {behind ? ` ${t('dashboard.asOf', { time: format(asOf) })}` : ''}
    </p>
  );
}
