import { useState } from 'react';
import { useAsync } from '../../app/hooks.js';
import { messageOf, planRequest } from '../plan/plan-api.js';
import { END_MY_SESSION, MY_SESSIONS, type MySession } from './account-api.js';
import { useUserText } from './user-messages.js';

/** "Mina sessioner": the devices where the user is signed in, and ending any but this one. */
export function MySessionsScreen() {
  const { t, locale } = useUserText();
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const sessions = useAsync(() => planRequest<{ mySessions: MySession[] }>(MY_SESSIONS), [version]);
  const time = (iso: string) => new Date(iso).toLocaleString(locale === 'sv' ? 'sv-SE' : 'en-GB');
  const device = (s: MySession) =>
    s.browser && s.system ? t('sessions.device', { browser: s.browser, system: s.system }) : (s.browser ?? s.system ?? t('sessions.unknownDevice'));

  const end = async (id: string) => {
    try {
      await planRequest(END_MY_SESSION, { s: id });
      setNotice({ ok: true, text: t('sessions.ended') });
      setVersion((n) => n + 1);
    } catch (error) {
      setNotice({ ok: false, text: t('sessions.error', { message: messageOf(error) }) });
    }
  };

  const list = sessions.status === 'ready' ? sessions.value.mySessions : [];
  return (
    <section>
      <h1 tabIndex={-1}>{t('sessions.title')}</h1>
      <p>{t('sessions.intro')}</p>
      {sessions.status === 'error' && <p className="error">{t('sessions.error', { message: messageOf(sessions.error) })}</p>}
      {notice && (
        <p className={notice.ok ? undefined : 'error'} role={notice.ok ? 'status' : 'alert'}>
          {notice.text}
        </p>
      )}
      {sessions.status === 'ready' && list.length <= 1 && <p>{t('sessions.none')}</p>}
      <ul className="list">
        {list.map((s) => (
          <li key={s.id} className="card">
            <p>
              <strong>{device(s)}</strong>
              {s.current && <span className="badge"> {t('sessions.current')}</span>}
            </p>
            <p>{t('sessions.started', { time: time(s.createdAt), method: s.method ? t(`method.${s.method}`) : '–' })}</p>
            <p>{t('sessions.lastUsed', { time: time(s.lastUsedAt) })}</p>
            {!s.current && (
              <button
                type="button"
                className="button button-small"
                aria-label={t('sessions.endLabel', { device: device(s), time: time(s.lastUsedAt) })}
                onClick={() => void end(s.id)}
              >
                {t('sessions.end')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
