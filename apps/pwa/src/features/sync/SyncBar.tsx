import { useStore } from '../../app/hooks.js';
import { navigate } from '../../app/router.js';
import { useI18n, type Translate } from '../../i18n/i18n.js';
import { flushOutbox, syncStore, type SyncState } from '../../sync/sync-engine.js';

const HOURS_72 = 72 * 3600 * 1000;

/** No network at all: the browser says so, or the last request found none. */
export const isOffline = (state: SyncState): boolean => !state.online || state.problem === 'offline';

/** "Synka nu" only where a sync can start: something waits, nothing is being sent, and there is a network. */
export const canSyncNow = (state: SyncState): boolean => state.waiting > 0 && !state.syncing && !isOffline(state);

/** A time of day, with the date when it is not today, so an old time is not taken for today's. */
function when(iso: string, now: Date): string {
  const at = new Date(iso);
  const time = at.toLocaleTimeString('sv-SE', { hour: '2-digit', minute: '2-digit' });
  return at.toDateString() === now.toDateString() ? time : `${at.toLocaleDateString('sv-SE', { day: 'numeric', month: 'numeric' })} ${time}`;
}

/**
 * When the phone last agreed with the server: results sent (`Synkat`), or, before any was sent on this
 * phone, the list and checklist downloaded (`Uppdaterat`). A later download also counts as a sync.
 */
function lastContact(state: SyncState, t: Translate, now: Date): string {
  const { lastSyncedAt, referenceUpdatedAt } = state;
  if (lastSyncedAt) {
    const latest = referenceUpdatedAt && referenceUpdatedAt > lastSyncedAt ? referenceUpdatedAt : lastSyncedAt;
    return t('sync.synced', { time: when(latest, now) });
  }
  return referenceUpdatedAt ? t('sync.updated', { time: when(referenceUpdatedAt, now) }) : t('sync.neverSynced');
}

/** The one line that always tells the truth about what is waiting on this phone, and why. */
export function describeSync(state: SyncState, t: Translate, now = new Date()): string {
  if (state.syncing) return t('sync.syncing');
  if (state.problem === 'login_required') return t('sync.loginRequired');
  const parts: string[] = [];
  if (state.waiting > 0) parts.push(t('sync.waiting', { count: state.waiting }));
  if (isOffline(state)) parts.push(t('sync.offline'));
  else if (state.problem === 'unreachable') parts.push(t('sync.unreachable'));
  else if (state.problem === 'server') parts.push(t('sync.server'));
  else if (state.waiting === 0) parts.push(lastContact(state, t, now));
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
      {canSyncNow(state) && (
        <button type="button" className="button button-small" onClick={() => void flushOutbox().catch(() => undefined)}>
          {t('sync.now')}
        </button>
      )}
      {old && <p className="warning">{t('sync.old')}</p>}
    </div>
  );
}
