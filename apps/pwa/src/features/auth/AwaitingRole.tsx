import { useEffect, useRef } from 'react';
import { useI18n } from '../../i18n/i18n.js';

/**
 * What a person sees after the identity provider signed them in but Hjulet has no role for them yet
 * (created at their first sign-in, or no longer in a mapped group): who must act, and nothing of the app.
 */
export function AwaitingRole({ onBack }: { onBack: () => void }) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="card login" aria-labelledby="awaiting-role-title">
      <h1 id="awaiting-role-title" ref={heading} tabIndex={-1}>
        {t('login.awaitingTitle')}
      </h1>
      <p role="status">{t('login.awaitingText')}</p>
      <button type="button" className="button" onClick={onBack}>
        {t('login.awaitingBack')}
      </button>
    </section>
  );
}
