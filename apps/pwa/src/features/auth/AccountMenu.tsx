import { useEffect, useRef, useState } from 'react';
import { navigate } from '../../app/router.js';
import type { StoredSession } from '../../data/db.js';
import { useI18n } from '../../i18n/i18n.js';
import { logout } from '../../sync/session.js';
import { refreshSyncState } from '../../sync/sync-engine.js';
import { ChangePinDialog } from './ChangePinDialog.js';
import { LogoutDialog } from './LogoutDialog.js';

/** An item of the account menu: choosing it closes the menu, then does its thing. */
function MenuItem({ label, onSelect, onClose }: { label: string; onSelect: () => void; onClose: () => void }) {
  return (
    <button
      type="button"
      className="button"
      onClick={() => {
        onClose();
        onSelect();
      }}
    >
      {label}
    </button>
  );
}

/**
 * Who is logged in, in the top bar, and behind it the way out: away from the everyday tabs, so logging
 * out takes a deliberate tap and a confirmation.
 */
export function AccountMenu({ session }: { session: StoredSession }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [changingPin, setChangingPin] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const { user } = session;
  const close = () => setOpen(false);

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && setOpen(false);
    const onPointer = (event: PointerEvent) => !root.current?.contains(event.target as Node) && setOpen(false);
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  const onConfirm = async () => {
    const ended = await logout();
    await refreshSyncState();
    navigate({ name: 'recipients' }, { replace: true });
    // RP-initiated logout: the provider ends its session too and sends the browser back to the app.
    if (ended.provider === 'navigate') location.assign(ended.url);
  };

  return (
    <div className="account" ref={root}>
      <button
        ref={button}
        type="button"
        className="account-button"
        aria-expanded={open}
        aria-controls="account-panel"
        aria-label={t('account.menu', { name: user.displayName })}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="account-name">{user.displayName}</span>
        <span aria-hidden="true">{open ? '▴' : '▾'}</span>
      </button>
      {open && (
        <div id="account-panel" className="account-panel">
          <p className="account-who">{t('account.signedInAs', { name: user.displayName, email: user.email })}</p>
          {session.localOnly && <p className="warning">{t('account.localOnly')}</p>}
          {!session.localOnly && session.signIn === 'provider' && <MenuItem label={t('pin.change')} onSelect={() => setChangingPin(true)} onClose={close} />}
          <MenuItem label={t('account.security')} onSelect={() => navigate({ name: 'security' })} onClose={close} />
          <MenuItem label={t('account.mySessions')} onSelect={() => navigate({ name: 'mySessions' })} onClose={close} />
          <MenuItem label={t('account.logout')} onSelect={() => setConfirming(true)} onClose={close} />
        </div>
      )}
      {changingPin && (
        <ChangePinDialog
          onClose={() => {
            setChangingPin(false);
            requestAnimationFrame(() => button.current?.focus());
          }}
        />
      )}
      {confirming && (
        <LogoutDialog
          user={user}
          provider={session.signIn === 'provider'}
          onCancel={() => {
            setConfirming(false);
            // The menu item that opened the dialog is gone: focus goes back to the menu's button.
            requestAnimationFrame(() => button.current?.focus());
          }}
          onConfirm={onConfirm}
        />
      )}
    </div>
  );
}
