import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/i18n.js';
import { setPin } from '../../sync/pin.js';
import { PIN_PROBLEM_MESSAGE, PinField } from './PinFields.js';

/**
 * After a first sign-in through the identity provider on this phone: the user chooses the PIN that
 * unlocks the phone offline (they have no password here to do it with). The app opens once it is set.
 */
export function PinSetupScreen() {
  const { t } = useI18n();
  const [pin, setPinValue] = useState('');
  const [repeated, setRepeated] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const result = await setPin(pin, repeated);
      if (result.kind === 'invalid') setError(t(PIN_PROBLEM_MESSAGE[result.problem]));
      else if (result.kind === 'not_allowed') setError(t('pin.notAllowed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card login" onSubmit={(e) => void onSubmit(e)} noValidate>
      <h1 tabIndex={-1}>{t('pin.title')}</h1>
      <p>{t('pin.explain')}</p>
      <p id="pin-rules">{t('pin.rules')}</p>
      <PinField id="pin-new" label={t('pin.new')} value={pin} onChange={setPinValue} describedBy="pin-rules" autoFocus />
      <PinField id="pin-repeat" label={t('pin.repeat')} value={repeated} onChange={setRepeated} />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? t('pin.busy') : t('pin.submit')}
      </button>
    </form>
  );
}
