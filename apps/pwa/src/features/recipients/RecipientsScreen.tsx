import { useState } from 'react';
import { useAsync, useStore } from '../../app/hooks.js';
import { navigate } from '../../app/router.js';
import { useI18n } from '../../i18n/i18n.js';
import { formatMoment } from '../../i18n/dates.js';
import { draftsOf } from '../../data/drafts.js';
import { reviewsOnPhone } from '../../data/synced.js';
import { readReference } from '../../data/session-store.js';
import { sessionStore } from '../../sync/session.js';
import { syncStore } from '../../sync/sync-engine.js';
import { referenceVersion } from '../../sync/reference-sync.js';
import { createStore } from '../../sync/store.js';
import { FILTERS, filterCounts, matchesFilter, periodOfReference, recipientRows, type RecipientFilter } from './recipient-state.js';

/** The filter chosen, kept while the app runs: opening a recipient and coming back keeps it. */
const filterStore = createStore<RecipientFilter>('all');

export function RecipientsScreen() {
  const { t, locale } = useI18n();
  const session = useStore(sessionStore);
  const version = useStore(referenceVersion);
  const sync = useStore(syncStore);
  const filter = useStore(filterStore);
  const [query, setQuery] = useState('');
  const userId = session.status === 'active' ? session.session.user.id : '';
  const data = useAsync(async () => {
    const [reference, drafts, reviews] = await Promise.all([readReference(userId), draftsOf(userId), reviewsOnPhone(userId)]);
    return { reference, drafts, reviews };
  }, [userId, version, sync.waiting, sync.syncing]);

  const reference = data.status === 'ready' ? data.value.reference : undefined;
  const rows = data.status === 'ready' && reference ? recipientRows(reference.recipients, data.value.drafts, data.value.reviews, reference) : [];
  const counts = filterCounts(rows);
  const needle = query.trim().toLowerCase();
  const shown = rows.filter((row) => matchesFilter(row, filter) && row.recipient.reference.toLowerCase().includes(needle));

  return (
    <section>
      <h1 tabIndex={-1}>{t('recipients.title')}</h1>
      {/* Reporting a deviation is for everyone, offline too; the bottom menu is full, so it starts here. */}
      <button type="button" className="button" onClick={() => navigate({ name: 'deviationReport' })}>
        {t('nav.deviation')}
      </button>
      <p className="subtitle">
        {t('recipients.period', { period: reference ? periodOfReference(reference) : new Date().getFullYear() })}
        {reference && (
          <>
            {' · '}
            <span data-testid="recipients-updated">{t('recipients.updated', { time: formatMoment(reference.fetchedAt, locale) })}</span>
          </>
        )}
      </p>
      {reference && (
        <fieldset className="filters">
          <legend className="visually-hidden">{t('recipients.filter')}</legend>
          {FILTERS.map((f) => (
            <label key={f} className={`filter${filter === f ? ' filter-selected' : ''}`}>
              <input type="radio" name="recipient-filter" value={f} checked={filter === f} onChange={() => filterStore.set(f)} />
              <span>{t(`recipients.filter.${f}`)}</span> <span className="filter-count">{counts[f]}</span>
            </label>
          ))}
        </fieldset>
      )}
      <label htmlFor="recipient-search" className="visually-hidden">
        {t('recipients.search')}
      </label>
      <input id="recipient-search" type="search" placeholder={t('recipients.search')} value={query} onChange={(e) => setQuery(e.target.value)} />
      {data.status === 'loading' && <p>{t('common.loading')}</p>}
      {data.status === 'ready' && !reference && <p>{t('recipients.notLoaded')}</p>}
      {reference && shown.length === 0 && <p>{t('recipients.filterEmpty')}</p>}
      {reference && shown.length > 0 && (
        <ul className="list" aria-label={t('recipients.title')}>
          {shown.map(({ recipient: r, state }) => (
            <li key={r.id}>
              <button type="button" className="list-item" onClick={() => navigate({ name: 'offer', recipientId: r.id })}>
                <span className="list-title">{r.reference}</span>
                <span className="list-meta">{t(`housing.${r.housingType}` as 'housing.other')}</span>
                <span className={`status status-${state}`}>{t(`status.${state}`)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
