import { useState, type FormEvent } from 'react';
import { useOnline } from '../../app/hooks.js';
import type { LocalSession } from '../../data/db.js';
import { useI18n } from '../../i18n/i18n.js';
import { GraphQLRequestError } from '../../sync/graphql-client.js';
import { refreshReferenceData } from '../../sync/reference-sync.js';
import { login, type SecondStep } from '../../sync/session.js';
import { flushOutbox, refreshSyncState } from '../../sync/sync-engine.js';
import { Dialog } from './Dialog.js';
import { SecondFactorStep } from './SecondFactorStep.js';

/**
 * After an offline unlock, sync waits for a server session. Back online with no refresh token to use
 * (the logout revoked it), the user is asked for the password: a prompt they see, not a silent failure.
 * Work goes on meanwhile; nothing waits on this but the sync.
 */
export function ReloginPrompt({ session }: { session: LocalSession }) {
  const { t } = useI18n();
  const online = useOnline();
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [secondStep, setSecondStep] = useState<SecondStep | null>(null);

  if (!online || session.refreshToken) return null;

  const afterLogin = async () => {
    await refreshSyncState({ problem: null });
    void flushOutbox().catch(() => undefined);
    void refreshReferenceData().catch(() => undefined);
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const outcome = await login(session.user.email, password);
      if (outcome.kind === 'second_step') {
        setSecondStep(outcome.step);
        setBusy(false);
      } else await afterLogin();
    } catch (e) {
      const refused = e instanceof GraphQLRequestError && e.failure.kind === 'unauthenticated';
      setError(refused ? t('relogin.failed') : t('relogin.offline'));
      setBusy(false);
    }
  };

  return (
    <div className="banner banner-warning relogin">
      <p role="status">{t('relogin.banner')}</p>
      <button type="button" className="button button-small" onClick={() => setOpen(true)}>
        {t('relogin.open')}
      </button>
      {open && (
        <Dialog
          labelledBy={secondStep ? 'mfa-step-title' : 'relogin-title'}
          describedBy={secondStep ? undefined : 'relogin-explain'}
          onClose={() => setOpen(false)}
        >
          {secondStep ? (
            <SecondFactorStep step={secondStep} onDone={() => void afterLogin()} onCancel={() => setSecondStep(null)} />
          ) : (
            <form onSubmit={(e) => void onSubmit(e)} noValidate>
              <h2 id="relogin-title">{t('relogin.title')}</h2>
              <p id="relogin-explain">{t('relogin.explain', { email: session.user.email })}</p>
              <label htmlFor="relogin-password">{t('login.password')}</label>
              <input
                id="relogin-password"
                type="password"
                autoComplete="current-password"
                autoFocus
                required
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
              {error && (
                <p className="error" role="alert">
                  {error}
                </p>
              )}
              <div className="button-row">
                <button type="button" className="button" onClick={() => setOpen(false)}>
                  {t('relogin.later')}
                </button>
                <button type="submit" className="button button-primary" disabled={busy}>
                  {busy ? t('login.busy') : t('relogin.submit')}
                </button>
              </div>
            </form>
          )}
        </Dialog>
      )}
    </div>
  );
}
