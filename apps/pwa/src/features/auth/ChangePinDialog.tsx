import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/i18n.js';
import { changePin } from '../../sync/pin.js';
import { Dialog } from './Dialog.js';
import { PIN_PROBLEM_MESSAGE, PinField } from './PinFields.js';

/** Changes the PIN: the current one, tried under the unlock's limits, then the new one twice. */
export function ChangePinDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const [current, setCurrent] = useState('');
  const [pin, setPin] = useState('');
  const [repeated, setRepeated] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; done: boolean } | null>(null);

  const seconds = (at: number) => Math.max(1, Math.ceil((at - Date.now()) / 1000));
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      const result = await changePin(current, pin, repeated);
      const fail = (text: string) => setMessage({ text, done: false });
      switch (result.kind) {
        case 'set':
          setMessage({ text: t('pin.changed'), done: true });
          break;
        case 'invalid':
          fail(t(PIN_PROBLEM_MESSAGE[result.problem]));
          break;
        case 'wrong':
          fail(t('pin.wrong', { seconds: seconds(result.retryAt), left: result.attemptsLeft }));
          break;
        case 'wait':
          fail(t('login.wait', { seconds: seconds(result.retryAt) }));
          break;
        case 'wiped':
          fail(result.reason === 'expired' ? t('login.wipedExpired') : t('pin.wiped'));
          break;
        case 'unknown':
        case 'not_allowed':
          fail(t('pin.notAllowed'));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog labelledBy="pin-change-title" describedBy="pin-change-rules" onClose={onClose}>
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        <h2 id="pin-change-title">{t('pin.changeTitle')}</h2>
        <p id="pin-change-rules">{t('pin.rules')}</p>
        <PinField id="pin-current" label={t('pin.current')} value={current} onChange={setCurrent} autoFocus />
        <PinField id="pin-change-new" label={t('pin.new')} value={pin} onChange={setPin} />
        <PinField id="pin-change-repeat" label={t('pin.repeat')} value={repeated} onChange={setRepeated} />
        {message && (
          <p className={message.done ? undefined : 'error'} role={message.done ? 'status' : 'alert'}>
            {message.text}
          </p>
        )}
        <div className="button-row">
          <button type="button" className="button" onClick={onClose}>
            {t('pin.cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('pin.busy') : t('pin.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
