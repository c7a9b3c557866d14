import { useState } from 'react';
import { useAsync, useStore } from '../../app/hooks.js';
import { navigate } from '../../app/router.js';
import { useI18n } from '../../i18n/i18n.js';
import { draftsOf } from '../../data/drafts.js';
import { outboxOf } from '../../data/outbox.js';
import { readReference } from '../../data/session-store.js';
import { sessionStore } from '../../sync/session.js';
import { syncStore } from '../../sync/sync-engine.js';
import { referenceVersion } from '../../sync/reference-sync.js';
import { recipientReviewState } from './recipient-state.js';

export function RecipientsScreen() {
  const { t } = useI18n();
  const session = useStore(sessionStore);
  const version = useStore(referenceVersion);
  const sync = useStore(syncStore);
  const [query, setQuery] = useState('');
  const userId = session.status === 'active' ? session.session.user.id : '';
  const data = useAsync(async () => {
    const [reference, drafts, outbox] = await Promise.all([readReference(userId), draftsOf(userId), outboxOf(userId)]);
    return { reference, drafts, outbox };
  }, [userId, version, sync.waiting]);

  const year = new Date().getFullYear();
  return (
    <section>
      <h1 tabIndex={-1}>{t('recipients.title')}</h1>
      <p className="subtitle">{t('recipients.period', { period: year })}</p>
      <label htmlFor="recipient-search" className="visually-hidden">
        {t('recipients.search')}
      </label>
      <input id="recipient-search" type="search" placeholder={t('recipients.search')} value={query} onChange={(e) => setQuery(e.target.value)} />
      {data.status === 'loading' && <p>{t('common.loading')}</p>}
      {data.status === 'ready' && !data.value.reference && <p>{t('recipients.notLoaded')}</p>}
      {data.status === 'ready' && data.value.reference && (
        <ul className="list" aria-label={t('recipients.title')}>
          {data.value.reference.recipients
            .filter((r) => r.reference.toLowerCase().includes(query.trim().toLowerCase()))
            .map((r) => {
              const state = recipientReviewState(r, data.value.drafts, data.value.outbox);
              return (
                <li key={r.id}>
                  <button type="button" className="list-item" onClick={() => navigate({ name: 'offer', recipientId: r.id })}>
                    <span className="list-title">{r.reference}</span>
                    <span className="list-meta">{t(`housing.${r.housingType}` as 'housing.other')}</span>
                    <span className={`status status-${state}`}>{t(`status.${state}`)}</span>
                  </button>
                </li>
              );
            })}
        </ul>
      )}
    </section>
  );
}
