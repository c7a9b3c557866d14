import { useState, type FormEvent } from 'react';
import { useAsync, useStore } from '../../app/hooks.js';
import { sessionStore } from '../../sync/session.js';
import { messageOf, planRequest } from '../plan/plan-api.js';
import { useSecurityText } from './security-messages.js';

interface Overview {
  totpEnabled: boolean;
  required: boolean;
  passkeys: Array<{ id: string; label: string; createdAt: string; lastUsedAt: string | null; backedUp: boolean }>;
}

const OVERVIEW_FIELDS = `totpEnabled required passkeys { id label createdAt lastUsedAt backedUp }`;

/** The user's second factors (docs/security.md): passkeys and an authenticator app; for an admin, the municipality's rule. */
export function SecurityScreen() {
  const { t, locale } = useSecurityText();
  const session = useStore(sessionStore);
  const isAdmin = session.status === 'active' && session.session.user.role === 'admin';
  const [version, setVersion] = useState(0);
  const [status, setStatus] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [label, setLabel] = useState('');
  const [enrolment, setEnrolment] = useState<{ secret: string; uri: string } | null>(null);
  const [code, setCode] = useState('');
  const overview = useAsync(
    async () => (await planRequest<{ mySecondFactors: Overview }>(`{ mySecondFactors { ${OVERVIEW_FIELDS} } }`)).mySecondFactors,
    [version],
  );
  const date = (iso: string) => new Date(iso).toLocaleDateString(locale === 'sv' ? 'sv-SE' : 'en-GB');

  const act = async (work: () => Promise<string | null>) => {
    setStatus(null);
    setFailure(null);
    try {
      setStatus(await work());
      setVersion((v) => v + 1);
    } catch (error) {
      setFailure(t('security.failed', { message: messageOf(error) }));
    }
  };

  const addPasskey = (event: FormEvent) => {
    event.preventDefault();
    void act(async () => {
      const { startRegistration } = await import('@simplewebauthn/browser');
      const begun = await planRequest<{ beginPasskeyRegistration: { registrationId: string; optionsJson: string } }>(
        `mutation { beginPasskeyRegistration { registrationId optionsJson } }`,
      );
      const answer = await startRegistration({ optionsJSON: JSON.parse(begun.beginPasskeyRegistration.optionsJson) });
      await planRequest(`mutation($id: String!, $r: String!, $l: String!) { finishPasskeyRegistration(registrationId: $id, response: $r, label: $l) { id } }`, {
        id: begun.beginPasskeyRegistration.registrationId,
        r: JSON.stringify(answer),
        l: label.trim() || t('security.labelDefault'),
      });
      setLabel('');
      return t('security.added');
    });
  };

  const confirmTotp = (event: FormEvent) => {
    event.preventDefault();
    void act(async () => {
      await planRequest(`mutation($c: String!) { confirmTotpEnrolment(code: $c) }`, { c: code });
      setEnrolment(null);
      setCode('');
      return t('security.totpEnabled');
    });
  };

  const value = overview.status === 'ready' ? overview.value : null;
  return (
    <section>
      <h1 tabIndex={-1}>{t('security.title')}</h1>
      <p className="subtitle">{t('security.intro')}</p>
      {value?.required && <p className="banner banner-warning">{t('security.required')}</p>}
      <p role="status">{status}</p>
      {failure && (
        <p className="error" role="alert">
          {failure}
        </p>
      )}

      <h2>{t('security.passkeys')}</h2>
      {value && value.passkeys.length === 0 && <p>{t('security.noPasskeys')}</p>}
      {value && value.passkeys.length > 0 && (
        <ul aria-label={t('security.passkeys')}>
          {value.passkeys.map((p) => (
            <li key={p.id}>
              <strong>{p.label}</strong> · {t('security.created', { date: date(p.createdAt) })}
              {p.lastUsedAt && `, ${t('security.lastUsed', { date: date(p.lastUsedAt) })}`}
              {p.backedUp && ` · ${t('security.backedUp')}`}{' '}
              <button
                type="button"
                className="button button-small"
                onClick={() =>
                  void act(async () => (await planRequest(`mutation($id: String!) { removePasskey(id: $id) }`, { id: p.id }), t('security.removed')))
                }
              >
                {t('security.remove', { label: p.label })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={addPasskey}>
        <label htmlFor="passkey-label">{t('security.label')}</label>
        <input id="passkey-label" maxLength={100} value={label} placeholder={t('security.labelDefault')} onChange={(e) => setLabel(e.target.value)} />
        <button type="submit" className="button button-primary">
          {t('security.addPasskey')}
        </button>
      </form>

      <h2>{t('security.totp')}</h2>
      {value && <p>{value.totpEnabled ? t('security.totpOn') : t('security.totpOff')}</p>}
      {value?.totpEnabled && (
        <button type="button" className="button" onClick={() => void act(async () => (await planRequest(`mutation { removeTotp }`), t('security.removed')))}>
          {t('security.totpStop')}
        </button>
      )}
      {value && !value.totpEnabled && !enrolment && (
        <button
          type="button"
          className="button"
          onClick={() =>
            void act(async () => {
              setEnrolment(
                (await planRequest<{ beginTotpEnrolment: { secret: string; uri: string } }>(`mutation { beginTotpEnrolment { secret uri } }`))
                  .beginTotpEnrolment,
              );
              return null;
            })
          }
        >
          {t('security.totpStart')}
        </button>
      )}
      {enrolment && (
        <form onSubmit={confirmTotp}>
          <p>{t('security.secretIntro')}</p>
          <p>
            {t('security.secret')}: <code>{enrolment.secret.replace(/(.{4})/g, '$1 ').trim()}</code>
          </p>
          <p>
            <a href={enrolment.uri}>{t('security.openApp')}</a>
          </p>
          <label htmlFor="totp-code">{t('security.code')}</label>
          <input id="totp-code" inputMode="numeric" autoComplete="one-time-code" maxLength={7} value={code} onChange={(e) => setCode(e.target.value)} />
          <button type="submit" className="button button-primary">
            {t('security.confirm')}
          </button>
        </form>
      )}

      {isAdmin && value && (
        <>
          <h2>{t('security.policy')}</h2>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={value.required}
              onChange={(e) => {
                const required = e.target.checked;
                void act(
                  async () => (await planRequest(`mutation($r: Boolean!) { setSecondFactorRequired(required: $r) { required } }`, { r: required }), null),
                );
              }}
            />{' '}
            {t('security.policyRequire')}
          </label>
          <p className="subtitle">{t('security.policyHint')}</p>
        </>
      )}
    </section>
  );
}

export default SecurityScreen;
