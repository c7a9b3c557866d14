import { useEffect, useState, type FormEvent } from 'react';
import { useAsync, useOnline, useStore } from '../../app/hooks.js';
import { allOutboxItems } from '../../data/outbox.js';
import { useI18n } from '../../i18n/i18n.js';
import {
  completeProviderSignIn,
  login,
  providerLogoutStore,
  takePendingProviderLogout,
  unlockOffline,
  type SecondStep,
  type UnlockResult,
} from '../../sync/session.js';
import { GraphQLRequestError, graphqlRequest } from '../../sync/graphql-client.js';
import { SignInOptionsDocument } from '../../sync/operations.js';
import { providerReturn } from './provider-return.js';
import { SecondFactorStep } from './SecondFactorStep.js';
import { AwaitingRole } from './AwaitingRole.js';
import { typedBeforeStart } from './typed-before-start.js';

/** After login: what waits on the phone goes out. The sync engine comes with the signed-in app's chunk, not on the login screen's critical path. */
async function sendWaitingWork(): Promise<void> {
  try {
    const { flushOutbox, refreshSyncState } = await import('../../sync/sync-engine.js');
    await refreshSyncState();
    await flushOutbox();
  } catch {
    // The app's own sync triggers try again from its start on.
  }
}

/** Failures that say the server could not be reached or could not answer: try the offline unlock. */
const UNREACHABLE = new Set(['offline', 'unavailable', 'server_error']);

export function LoginScreen({ expired }: { expired: boolean }) {
  const { t } = useI18n();
  const online = useOnline();
  const [email, setEmail] = useState(() => typedBeforeStart.email);
  const [password, setPassword] = useState(() => typedBeforeStart.password);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The password was right and the account has a second factor: the sign-in waits for it.
  const [secondStep, setSecondStep] = useState<SecondStep | null>(null);
  // Back from the provider as a person with an account but no role yet: a page of its own, nothing else.
  const [awaitingRole, setAwaitingRole] = useState(false);
  // Work left by someone who logged out on this shared phone: say it exists, show nothing of it.
  const waiting = useAsync(async () => (await allOutboxItems()).length, []);
  // The municipality's identity provider, when the server has one: "Logga in med …" beside the password form.
  const options = useAsync(async () => (online ? (await graphqlRequest(SignInOptionsDocument, {}, null, { timeoutMs: 5_000 })).signInOptions : null), [online]);
  // A provider session someone ended offline: its end at the provider waits for a tap here (sync/session.ts).
  const pendingLogout = useStore(providerLogoutStore);

  // Back from the provider: exchange its one-time code for the session, or say why it refused.
  useEffect(() => {
    const back = providerReturn();
    if (!back) return;
    if ('error' in back && back.error === 'awaiting_role') {
      setAwaitingRole(true);
      return;
    }
    if ('error' in back) {
      setError(t(back.error === 'no_account' ? 'login.providerNoAccount' : 'login.providerFailed'));
      return;
    }
    setBusy(true);
    completeProviderSignIn(back.code)
      .then(() => void sendWaitingWork())
      .catch(() => setError(t('login.providerFailed')))
      .finally(() => setBusy(false));
  }, [t]);

  const seconds = (at: number) => Math.max(1, Math.ceil((at - Date.now()) / 1000));
  const unlockError = (result: Exclude<UnlockResult, { kind: 'unlocked' }>): string => {
    switch (result.kind) {
      case 'unknown':
        return t('login.firstNeedsConnection');
      case 'wrong':
        return t(result.pin ? 'login.wrongOfflinePin' : 'login.wrongOffline', { seconds: seconds(result.retryAt), left: result.attemptsLeft });
      case 'wait':
        return t('login.wait', { seconds: seconds(result.retryAt) });
      case 'wiped':
        return result.reason === 'expired' ? t('login.wipedExpired') : t('login.wipedFailures');
    }
  };

  /** Offline: a user this phone knows unlocks it with the password; sync waits for the server. */
  const unlock = async () => {
    const result = await unlockOffline(email, password);
    if (result.kind === 'unlocked') {
      const { refreshSyncState } = await import('../../sync/sync-engine.js');
      await refreshSyncState({ problem: 'offline' });
    } else setError(unlockError(result));
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (!navigator.onLine) {
        await unlock();
        return;
      }
      const outcome = await login(email, password);
      if (outcome.kind === 'second_step') setSecondStep(outcome.step);
      else void sendWaitingWork();
    } catch (e) {
      if (e instanceof GraphQLRequestError && UNREACHABLE.has(e.failure.kind)) await unlock();
      else if (e instanceof GraphQLRequestError && e.failure.kind === 'refused' && e.failure.code === 'TOO_MANY_ATTEMPTS') setError(t('login.tooManyAttempts'));
      else setError(t('login.failed'));
    } finally {
      setBusy(false);
    }
  };

  if (secondStep)
    return (
      <SecondFactorStep
        step={secondStep}
        onDone={() => void sendWaitingWork()}
        onCancel={() => {
          setSecondStep(null);
          setPassword('');
        }}
      />
    );
  if (awaitingRole) return <AwaitingRole onBack={() => setAwaitingRole(false)} />;

  return (
    <form className="card login" onSubmit={(e) => void onSubmit(e)} noValidate>
      <h1 tabIndex={-1}>{t('login.title')}</h1>
      {!online && (
        <>
          <p className="warning">{t('login.offlineHint')}</p>
          <p>{t('login.offlineHintPin')}</p>
        </>
      )}
      {online && pendingLogout && (
        <div className="banner banner-warning">
          <p>
            {options.status === 'ready' && options.value?.providerName
              ? t('login.providerLogoutPending', { name: options.value.providerName })
              : t('login.providerLogoutPendingUnnamed')}
          </p>
          <button type="button" className="button button-small" onClick={() => void takePendingProviderLogout().then((url) => url && location.assign(url))}>
            {t('login.providerLogoutEnd')}
          </button>
        </div>
      )}
      {expired && <p className="banner banner-warning">{t('login.again')}</p>}
      {!expired && waiting.status === 'ready' && waiting.value > 0 && (
        <p className="banner banner-warning">{t('login.otherUserWork', { count: waiting.value })}</p>
      )}
      <label htmlFor="email">{t('login.email')}</label>
      <input id="email" type="email" autoComplete="username" inputMode="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
      <label htmlFor="password">{online ? t('login.password') : t('login.passwordOrPin')}</label>
      <input id="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? t('login.busy') : t('login.submit')}
      </button>
      {options.status === 'ready' && options.value?.providerName && options.value.providerStartPath && (
        <a className="button" href={options.value.providerStartPath}>
          {t('login.withProvider', { name: options.value.providerName })}
        </a>
      )}
    </form>
  );
}
