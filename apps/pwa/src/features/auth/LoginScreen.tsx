import { useState, type FormEvent } from 'react';
import { useAsync } from '../../app/hooks.js';
import { allOutboxItems } from '../../data/outbox.js';
import { useI18n } from '../../i18n/i18n.js';
import { login } from '../../sync/session.js';
import { GraphQLRequestError } from '../../sync/graphql-client.js';

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

export function LoginScreen({ expired }: { expired: boolean }) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Work left by someone who logged out on this shared phone: say it exists, show nothing of it.
  const waiting = useAsync(async () => (await allOutboxItems()).length, []);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(email, password);
      void sendWaitingWork();
    } catch (e) {
      const offline = e instanceof GraphQLRequestError && e.failure.kind === 'offline';
      setError(offline ? t('login.offline') : t('login.failed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card login" onSubmit={(e) => void onSubmit(e)} noValidate>
      <h1 tabIndex={-1}>{t('login.title')}</h1>
      {expired && <p className="banner banner-warning">{t('login.again')}</p>}
      {!expired && waiting.status === 'ready' && waiting.value > 0 && (
        <p className="banner banner-warning">{t('login.otherUserWork', { count: waiting.value })}</p>
      )}
      <label htmlFor="email">{t('login.email')}</label>
      <input id="email" type="email" autoComplete="username" inputMode="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
      <label htmlFor="password">{t('login.password')}</label>
      <input id="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? t('login.busy') : t('login.submit')}
      </button>
    </form>
  );
}
