import { useEffect, useState, type FormEvent } from 'react';
import { useAsync, useOnline } from '../../app/hooks.js';
import type { LocalSession } from '../../data/db.js';
import { useI18n } from '../../i18n/i18n.js';
import { graphqlRequest, GraphQLRequestError } from '../../sync/graphql-client.js';
import { refreshReferenceData } from '../../sync/reference-sync.js';
import { completeProviderSignIn, login, type SecondStep } from '../../sync/session.js';
import { SignInOptionsDocument } from '../../sync/operations.js';
import { providerReturn } from './provider-return.js';
import { flushOutbox, refreshSyncState } from '../../sync/sync-engine.js';
import { Dialog } from './Dialog.js';
import { SecondFactorStep } from './SecondFactorStep.js';

/** A server session is back: the sync problem clears, and what waited is sent and fetched. */
async function resumeSync(): Promise<void> {
  await refreshSyncState({ problem: null });
  void flushOutbox().catch(() => undefined);
  void refreshReferenceData().catch(() => undefined);
}

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
  if (session.signIn === 'provider') return <ProviderRelogin />;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const outcome = await login(session.user.email, password);
      if (outcome.kind === 'second_step') {
        setSecondStep(outcome.step);
        setBusy(false);
      } else await resumeSync();
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
            <SecondFactorStep step={secondStep} onDone={() => void resumeSync()} onCancel={() => setSecondStep(null)} />
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

/**
 * The same for a user unlocked with a PIN: the server session comes back through the provider. The
 * provider sends the browser back to the app, still unlocked, with the one-time code this exchanges.
 */
function ProviderRelogin() {
  const { t } = useI18n();
  const options = useAsync(async () => (await graphqlRequest(SignInOptionsDocument, {}, null, { timeoutMs: 5_000 })).signInOptions, []);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const back = providerReturn();
    if (!back) return;
    if ('error' in back) {
      setError(t('login.providerFailed'));
      return;
    }
    completeProviderSignIn(back.code)
      .then(resumeSync)
      .catch(() => setError(t('login.providerFailed')));
  }, [t]);

  return (
    <div className="banner banner-warning relogin">
      <p role="status">{t('relogin.bannerProvider')}</p>
      {options.status === 'ready' && options.value.providerName && options.value.providerStartPath && (
        <a className="button button-small" href={options.value.providerStartPath}>
          {t('relogin.withProvider', { name: options.value.providerName })}
        </a>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
