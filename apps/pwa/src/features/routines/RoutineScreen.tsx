import { useState } from 'react';
import { mayOfferRoutineChange } from '@hjulet/domain';
import { useAsync, useOnline, useStore } from '../../app/hooks.js';
import { navigate } from '../../app/router.js';
import { confirmRoutineOnPhone } from '../../data/routines.js';
import { sessionStore } from '../../sync/session.js';
import { flushOutbox, refreshSyncState } from '../../sync/sync-engine.js';
import { planRequest } from '../plan/plan-api.js';
import { MarkdownText } from './MarkdownText.js';
import { checklistQuestion, inLanguage, useRoutineLibrary, type ShownRoutine } from './routine-library.js';
import { useRoutineText } from './routine-messages.js';

const MAINTAINERS: ReadonlySet<string> = new Set(['unit_manager', 'quality_coordinator', 'admin']);

interface Reader {
  userId: string;
  displayName: string;
  unitName: string;
  confirmedVersion: number | null;
  confirmedCurrent: boolean;
}

const READERS = `query($r: UUID!) { routineReaders(routineId: $r) { userId displayName unitName confirmedVersion confirmedCurrent } }`;

/** For those who maintain routines: who in their scope has confirmed the current version (needs a network). */
function Readers({ routine }: { routine: ShownRoutine }) {
  const { t } = useRoutineText();
  const online = useOnline();
  const readers = useAsync(
    async () => (online ? (await planRequest<{ routineReaders: Reader[] }>(READERS, { r: routine.id })).routineReaders : null),
    [routine.id, routine.version, online],
  );
  return (
    <section aria-labelledby="routine-readers">
      <h2 id="routine-readers">{t('routines.readers', { version: routine.version })}</h2>
      {!online && <p>{t('routines.readersOffline')}</p>}
      {readers.status === 'error' && <p role="alert">{t('routines.readersError', { message: readers.error.message })}</p>}
      {readers.status === 'ready' && readers.value && (
        <>
          <p>{t('routines.readersSummary', { confirmed: readers.value.filter((r) => r.confirmedCurrent).length, total: readers.value.length })}</p>
          <ul className="list" data-routine-readers>
            {readers.value.map((r) => (
              <li key={r.userId} className="card">
                <span className="list-title">{r.displayName}</span>{' '}
                <span className="list-meta">
                  {r.unitName} ·{' '}
                  {r.confirmedCurrent
                    ? t('routines.reader.current')
                    : r.confirmedVersion !== null
                      ? t('routines.reader.older', { version: r.confirmedVersion })
                      : t('routines.reader.none')}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** One routine, readable offline, with "read and understood" for its current version. */
export function RoutineScreen({ routineId }: { routineId: string }) {
  const { t, locale } = useRoutineText();
  const session = useStore(sessionStore);
  const user = session.status === 'active' ? session.session.user : null;
  const library = useRoutineLibrary(user?.id ?? '');
  const [busy, setBusy] = useState(false);
  const routine = library.status === 'ready' ? library.value.routines.find((r) => r.id === routineId) : undefined;
  const question = useAsync(() => checklistQuestion(user?.id ?? '', routine?.itemKey ?? null, locale), [user?.id, routine?.itemKey, locale]);

  const confirm = async (r: ShownRoutine) => {
    if (!user) return;
    setBusy(true);
    try {
      await confirmRoutineOnPhone(user.id, r);
      await refreshSyncState();
      void flushOutbox().catch(() => undefined);
    } finally {
      setBusy(false);
    }
  };

  if (library.status !== 'ready') return <p className="loading">{t('routines.loadingText')}</p>;
  if (!routine)
    return (
      <section>
        <h1 tabIndex={-1}>{t('routines.title')}</h1>
        <p>{t('routines.notFound')}</p>
        <button type="button" className="button" onClick={() => navigate({ name: 'routines' })}>
          {t('routines.back')}
        </button>
      </section>
    );

  const text = inLanguage(routine, locale);
  const date = (iso: string) => new Date(`${iso}T12:00:00Z`).toLocaleDateString(locale === 'sv' ? 'sv-SE' : 'en-GB');
  return (
    <article className="routine">
      <button type="button" className="link-button" onClick={() => navigate({ name: 'routines' })}>
        {t('routines.back')}
      </button>
      <h1 tabIndex={-1} lang={text.lang}>
        {text.title}
      </h1>
      {routine.flagged && <p className="notice routine-flag">{t('routines.reviewFlag')}</p>}
      <dl className="routine-facts">
        <dt>{t('routines.who')}</dt>
        <dd lang="sv">{routine.responsible}</dd>
        <dt>{t('routines.when')}</dt>
        <dd lang="sv">{routine.frequency}</dd>
        <dt>{t('routines.unit')}</dt>
        <dd>{routine.unitName ?? t('routines.wholeMunicipality')}</dd>
        <dt>{t('routines.process')}</dt>
        <dd>
          {routine.processName} · {routine.activityName}
        </dd>
        {routine.itemKey && (
          <>
            <dt>{t('routines.checklistItem')}</dt>
            <dd>{(question.status === 'ready' && question.value) || routine.itemKey}</dd>
          </>
        )}
        <dt>{t('routines.owner')}</dt>
        <dd>{routine.ownerName}</dd>
        <dt>{t('routines.version')}</dt>
        <dd>{routine.version}</dd>
        <dt>{t('routines.reviewOn')}</dt>
        <dd>{date(routine.reviewOn)}</dd>
      </dl>
      <h2>{t('routines.howTo')}</h2>
      {locale === 'en' && text.lang === 'sv' && <p className="list-meta">{t('routines.englishMissing')}</p>}
      <MarkdownText text={text.body} lang={text.lang} loadingLabel={t('routines.loadingText')} />
      <div role="status" className="routine-confirmation">
        {routine.reading === 'confirmed' && <p className="status status-done">{t('routines.confirmed', { version: routine.version })}</p>}
        {routine.reading === 'waiting' && <p className="status status-waiting">{t('routines.confirmedWaiting', { version: routine.version })}</p>}
      </div>
      {(routine.reading === 'unread' || routine.reading === 'new_version') && (
        <button type="button" className="button button-primary" disabled={busy} onClick={() => void confirm(routine)}>
          {t('routines.confirm')}
        </button>
      )}
      {user && mayOfferRoutineChange(user, routine.unitId ?? null) && (
        <button type="button" className="button" onClick={() => navigate({ name: 'routineEdit', routineId: routine.id })}>
          {t('routines.changeRoutine')}
        </button>
      )}
      {user && MAINTAINERS.has(user.role) && <Readers routine={routine} />}
    </article>
  );
}
