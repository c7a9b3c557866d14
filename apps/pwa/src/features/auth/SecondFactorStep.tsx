import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/i18n.js';
import type { MessageKey } from '../../i18n/messages.sv.js';
import { graphqlRequest } from '../../sync/graphql-client.js';
import { problemOf } from './second-step-problem.js';
import { BeginPasskeyRegistrationAtSignInDocument, BeginTotpEnrolmentAtSignInDocument } from '../../sync/operations.js';
import { completeSecondStep, type SecondStep } from '../../sync/session.js';

/**
 * The sign-in's second step (docs/security.md): a code from the authenticator app or a passkey; or, when
 * the municipality requires a second factor and the user has none, enrolling one, which ends the sign-in.
 * The WebAuthn browser library loads only when a passkey is used.
 */
export function SecondFactorStep({ step, onDone, onCancel }: { step: SecondStep; onDone: () => void; onCancel: () => void }) {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const [enrolment, setEnrolment] = useState<{ secret: string; uri: string } | null>(null);
  const canTotp = step.methods.includes('TOTP') || enrolment !== null;

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setProblem(null);
    try {
      await work();
      onDone();
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  };

  const onCode = (event: FormEvent) => {
    event.preventDefault();
    void run(() => completeSecondStep(step.challenge, { code }));
  };

  const usePasskey = () =>
    run(async () => {
      const { startAuthentication } = await import('@simplewebauthn/browser');
      const answer = await startAuthentication({ optionsJSON: JSON.parse(step.passkeyOptionsJson ?? '{}') });
      await completeSecondStep(step.challenge, { passkeyResponse: JSON.stringify(answer) });
    });

  const addPasskey = () =>
    run(async () => {
      const { startRegistration } = await import('@simplewebauthn/browser');
      const options = (await graphqlRequest(BeginPasskeyRegistrationAtSignInDocument, { challenge: step.challenge }, null)).beginPasskeyRegistrationAtSignIn;
      const answer = await startRegistration({ optionsJSON: JSON.parse(options) });
      await completeSecondStep(step.challenge, { passkeyResponse: JSON.stringify(answer) });
    });

  const startTotp = async () => {
    setBusy(true);
    setProblem(null);
    try {
      setEnrolment((await graphqlRequest(BeginTotpEnrolmentAtSignInDocument, { challenge: step.challenge }, null)).beginTotpEnrolmentAtSignIn);
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card login" onSubmit={onCode} noValidate>
      <h1 id="mfa-step-title" tabIndex={-1}>
        {step.mustEnrol ? t('mfa.enrolTitle') : t('mfa.title')}
      </h1>
      <p>{step.mustEnrol ? t('mfa.enrolIntro') : t('mfa.intro')}</p>
      {step.mustEnrol && !enrolment && (
        <div className="button-row">
          <button type="button" className="button button-primary" disabled={busy} onClick={() => void addPasskey()}>
            {t('mfa.enrolPasskey')}
          </button>
          <button type="button" className="button" disabled={busy} onClick={() => void startTotp()}>
            {t('mfa.enrolTotp')}
          </button>
        </div>
      )}
      {enrolment && (
        <>
          <p>{t('mfa.secretIntro')}</p>
          <p>
            {t('mfa.secret')}: <code className="secret">{enrolment.secret.replace(/(.{4})/g, '$1 ').trim()}</code>
          </p>
          <p>
            <a href={enrolment.uri}>{t('mfa.openApp')}</a>
          </p>
        </>
      )}
      {step.methods.includes('PASSKEY') && (
        <button type="button" className="button button-primary" disabled={busy} onClick={() => void usePasskey()}>
          {t('mfa.passkey')}
        </button>
      )}
      {canTotp && (
        <>
          {step.methods.includes('PASSKEY') && <p className="subtitle">{t('mfa.or')}</p>}
          <label htmlFor="mfa-code">{t('mfa.code')}</label>
          <input
            id="mfa-code"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9 ]*"
            maxLength={7}
            required
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
          <button type="submit" className="button button-primary" disabled={busy || code.replace(/\s/g, '').length !== 6}>
            {busy ? t('login.busy') : t('mfa.verify')}
          </button>
        </>
      )}
      {problem && (
        <p className="error" role="alert">
          {t(problem)}
        </p>
      )}
      <button type="button" className="button" onClick={onCancel}>
        {t('mfa.cancel')}
      </button>
    </form>
  );
}
