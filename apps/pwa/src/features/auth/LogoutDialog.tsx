import { useState } from 'react';
import { useAsync, useOnline, useStore } from '../../app/hooks.js';
import type { StoredUser } from '../../data/db.js';
import { useI18n } from '../../i18n/i18n.js';
import { canUnlockOffline } from '../../sync/session.js';
import { syncStore } from '../../sync/sync-engine.js';
import { Dialog } from './Dialog.js';

/**
 * Asks before logging out, and says what it means here and now: offline, whether the user can unlock
 * the phone again with their password or needs a connection to log in; always, that unsynced work stays.
 */
export function LogoutDialog({
  user,
  provider = false,
  onCancel,
  onConfirm,
}: {
  user: StoredUser;
  /** The session began at the identity provider: offline, its end there waits (RP-initiated logout). */
  provider?: boolean;
  onCancel: () => void;
  onConfirm: () => Promise<void>;
}) {
  const { t } = useI18n();
  const online = useOnline();
  const { waiting } = useStore(syncStore);
  const unlockable = useAsync(() => canUnlockOffline(user.email), [user.email]);
  const [busy, setBusy] = useState(false);

  const confirm = async () => {
    setBusy(true);
    try {
      await onConfirm();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog labelledBy="logout-title" describedBy="logout-explain" onClose={onCancel}>
      <h2 id="logout-title">{t('logout.title')}</h2>
      <div id="logout-explain">
        {!online && unlockable.status === 'ready' && (
          <p className="warning" data-testid="logout-offline">
            {unlockable.value ? t(provider ? 'logout.offlineUnlockPin' : 'logout.offlineUnlock') : t('logout.offlineNoUnlock')}
          </p>
        )}
        {!online && provider && <p data-testid="logout-offline-provider">{t('logout.offlineProvider')}</p>}
        <p>{waiting > 0 ? t('logout.waiting', { count: waiting }) : t('logout.keeps')}</p>
      </div>
      <div className="button-row">
        <button type="button" className="button" autoFocus onClick={onCancel}>
          {t('logout.cancel')}
        </button>
        <button type="button" className="button button-primary" disabled={busy} onClick={() => void confirm()}>
          {t('logout.confirm')}
        </button>
      </div>
    </Dialog>
  );
}
