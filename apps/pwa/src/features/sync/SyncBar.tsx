import { useStore } from '../../app/hooks.js';
import { navigate } from '../../app/router.js';
import { useI18n, type Translate } from '../../i18n/i18n.js';
import { flushOutbox, syncStore, type SyncState } from '../../sync/sync-engine.js';

const HOURS_72 = 72 * 3600 * 1000;

/** The one line that always tells the truth about what is waiting on this phone. */
export function describeSync(state: SyncState, t: Translate): string {
  if (state.syncing) return t('sync.syncing');
  if (state.problem === 'login_required') return t('sync.loginRequired');
  const parts: string[] = [];
  if (state.waiting > 0) parts.push(t('sync.waiting', { count: state.waiting }));
  if (state.problem === 'offline') parts.push(t('sync.offline'));
  else if (state.problem === 'server') parts.push(t('sync.server'));
  else if (state.waiting === 0) {
    parts.push(
      state.lastSyncedAt
        ? t('sync.synced', { time: new Date(state.lastSyncedAt).toLocaleTimeString('sv-SE', { hour: '2-digit', minute: '2-digit' }) })
        : t('sync.neverSynced'),
    );
  }
  return parts.join(' · ');
}

export function SyncBar() {
  const { t } = useI18n();
  const state = useStore(syncStore);
  const old = state.oldestWaitingAt !== null && Date.now() - Date.parse(state.oldestWaitingAt) > HOURS_72;
  return (
    <div className="sync-bar" role="status" aria-live="polite">
      <span data-testid="sync-status">{describeSync(state, t)}</span>
      {state.attention > 0 && (
        <button type="button" className="link-button attention" onClick={() => navigate({ name: 'attention' })}>
          {t('sync.attention', { count: state.attention })}
        </button>
      )}
      {state.waiting > 0 && !state.syncing && (
        <button type="button" className="button button-small" onClick={() => void flushOutbox().catch(() => undefined)}>
          {t('sync.now')}
        </button>
      )}
      {old && <p className="warning">{t('sync.old')}</p>}
    </div>
  );
}
