import { useStore } from '../../app/hooks.js';
import { navigate } from '../../app/router.js';
import { sessionStore } from '../../sync/session.js';
import { inLanguage, useRoutineLibrary, type ShownRoutine } from './routine-library.js';
import { useRoutineText } from './routine-messages.js';

const MAINTAINERS: ReadonlySet<string> = new Set(['unit_manager', 'quality_coordinator', 'admin']);

/** Routines grouped as the register is: process, then activity, each group in the order the server sent. */
function grouped(routines: ShownRoutine[]): Array<{ process: string; activities: Array<{ activity: string; routines: ShownRoutine[] }> }> {
  const processes = new Map<string, Map<string, ShownRoutine[]>>();
  for (const r of routines) {
    const activities = processes.get(r.processName) ?? new Map<string, ShownRoutine[]>();
    activities.set(r.activityName, [...(activities.get(r.activityName) ?? []), r]);
    processes.set(r.processName, activities);
  }
  return [...processes].map(([process, activities]) => ({ process, activities: [...activities].map(([activity, list]) => ({ activity, routines: list })) }));
}

/** The register as the phone keeps it, readable offline; the owner sees which of theirs are due for review. */
export function RoutinesScreen() {
  const { t, locale } = useRoutineText();
  const session = useStore(sessionStore);
  const user = session.status === 'active' ? session.session.user : null;
  const userId = user?.id ?? '';
  const library = useRoutineLibrary(userId);
  const flagged = library.status === 'ready' ? library.value.routines.filter((r) => r.flagged).length : 0;

  return (
    <section className="routines">
      <h1 tabIndex={-1}>{t('routines.title')}</h1>
      <p>{t('routines.intro')}</p>
      {user && MAINTAINERS.has(user.role) && (
        <button type="button" className="button" onClick={() => navigate({ name: 'routineEdit', routineId: null })}>
          {t('routines.newRoutine')}
        </button>
      )}
      {flagged > 0 && (
        <p className="notice" data-review-flag>
          {t('routines.dueForReview', { count: flagged })}
        </p>
      )}
      {library.status === 'ready' && library.value.routines.length === 0 && <p>{t('routines.empty')}</p>}
      {library.status === 'ready' &&
        grouped(library.value.routines).map((p) => (
          <section key={p.process} className="routine-process">
            <h2>{p.process}</h2>
            {p.activities.map((a) => (
              <section key={a.activity}>
                <h3>{a.activity}</h3>
                <ul className="list">
                  {a.routines.map((r) => (
                    <li key={r.id} data-routine={r.id}>
                      <button type="button" className="list-item" onClick={() => navigate({ name: 'routine', routineId: r.id })}>
                        <span className="list-title">{inLanguage(r, locale).title}</span>
                        <span className={`status status-${r.reading === 'confirmed' ? 'done' : 'waiting'}`}>{t(`routines.reading.${r.reading}`)}</span>
                        {r.flagged && <span className="list-meta routine-flag">{t('routines.reviewFlag')}</span>}
                      </button>
                    </li>
                  ))}
                </ul>
              </section>
            ))}
          </section>
        ))}
      {library.status === 'ready' && library.value.fetchedAt && (
        <p className="list-meta">{t('routines.fetched', { time: new Date(library.value.fetchedAt).toLocaleString(locale === 'sv' ? 'sv-SE' : 'en-GB') })}</p>
      )}
    </section>
  );
}
