import { useAsync, useStore } from '../../app/hooks.js';
import { useI18n } from '../../i18n/i18n.js';
import { enqueue, outboxOf } from '../../data/outbox.js';
import { readReference } from '../../data/session-store.js';
import type { CachedAction } from '../../data/db.js';
import { sessionStore } from '../../sync/session.js';
import { syncStore } from '../../sync/sync-engine.js';
import { referenceVersion } from '../../sync/reference-sync.js';
import { afterEnqueue } from '../../sync/triggers.js';

/** The user's open follow-up actions, closable offline: a closing goes through the outbox. */
export function ActionsScreen() {
  const { t } = useI18n();
  const session = useStore(sessionStore);
  const version = useStore(referenceVersion);
  const sync = useStore(syncStore);
  const userId = session.status === 'active' ? session.session.user.id : '';
  const data = useAsync(async () => {
    const [reference, outbox] = await Promise.all([readReference(userId), outboxOf(userId)]);
    const closing = new Set(outbox.flatMap((i) => (i.kind === 'close_action' ? [i.payload.actionId] : [])));
    return { actions: reference?.actions ?? [], closing };
  }, [userId, version, sync.waiting]);

  const close = async (action: CachedAction, outcome: 'done' | 'not_needed') => {
    const now = new Date().toISOString();
    await enqueue({
      id: crypto.randomUUID(),
      kind: 'close_action',
      userId,
      recipientReference: '',
      payload: { actionId: action.id, outcome, note: null },
      createdAt: now,
      attempts: 0,
      nextAttemptAt: now,
      lastError: null,
    });
    afterEnqueue();
  };

  return (
    <section>
      <h1 tabIndex={-1}>{t('actions.title')}</h1>
      {data.status === 'ready' && data.value.actions.length === 0 && <p>{t('actions.empty')}</p>}
      {data.status === 'ready' && (
        <ul className="list">
          {data.value.actions.map((action) => (
            <li key={action.id} className="card">
              <p className="list-title">{action.what}</p>
              <p className="list-meta">
                {t(`actor.${action.actor}` as 'actor.other')}
                {action.dueDate ? ` · ${t('actions.due', { date: action.dueDate })}` : ''}
              </p>
              {data.value.closing.has(action.id) ? (
                <p className="status status-waiting">{t('actions.queued')}</p>
              ) : (
                <div className="button-row">
                  <button type="button" className="button" onClick={() => void close(action, 'done')}>
                    {t('actions.done')}
                  </button>
                  <button type="button" className="button" onClick={() => void close(action, 'not_needed')}>
                    {t('actions.notNeeded')}
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
