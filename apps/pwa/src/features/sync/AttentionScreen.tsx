import { useAsync, useStore } from '../../app/hooks.js';
import { useI18n } from '../../i18n/i18n.js';
import { attentionOf, retryFromAttention } from '../../data/outbox.js';
import { sessionStore } from '../../sync/session.js';
import { flushOutbox, refreshSyncState, syncStore } from '../../sync/sync-engine.js';
import { attentionReason } from './attention-reason.js';

/** Results the server refused, with its reason. Kept on the phone until the user retries them. */
export function AttentionScreen() {
  const { t } = useI18n();
  const session = useStore(sessionStore);
  const sync = useStore(syncStore);
  const userId = session.status === 'active' ? session.session.user.id : '';
  const data = useAsync(() => attentionOf(userId), [userId, sync.attention, sync.waiting]);

  const retry = async (id: string) => {
    await retryFromAttention(id);
    await refreshSyncState();
    void flushOutbox().catch(() => undefined);
  };

  return (
    <section>
      <h1 tabIndex={-1}>{t('attention.title')}</h1>
      <p>{t('attention.explain')}</p>
      {data.status === 'ready' && data.value.length === 0 && <p>{t('attention.empty')}</p>}
      {data.status === 'ready' && (
        <ul className="list">
          {data.value.map((entry) => (
            <li key={entry.id} className="card" data-testid="attention-item">
              <p className="list-title">{entry.item.recipientReference || entry.item.kind}</p>
              <p className="error">{t('attention.reason', { message: t(attentionReason(entry)) })}</p>
              <p className="list-meta">{t('attention.detail', { message: entry.message })}</p>
              {entry.requestId && (
                <p className="list-meta" data-testid="attention-request-id">
                  {t('attention.requestId', { requestId: entry.requestId })}
                </p>
              )}
              <button type="button" className="button" onClick={() => void retry(entry.id)}>
                {t('attention.retry')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
