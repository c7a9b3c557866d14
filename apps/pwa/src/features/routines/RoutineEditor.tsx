import { useEffect, useState, type FormEvent } from 'react';
import { useAsync, useOnline, useStore } from '../../app/hooks.js';
import { navigate } from '../../app/router.js';
import { refreshReferenceData } from '../../sync/reference-sync.js';
import { sessionStore } from '../../sync/session.js';
import { loadEditor, refusedFields, saveRoutine, type EditorData, type FormField, type RoutineForm } from './routine-editing.js';
import { useRoutineText, type RoutineKey } from './routine-messages.js';

const TEXT_FIELDS: ReadonlyArray<{ field: FormField; label: RoutineKey; long?: boolean; optional?: boolean }> = [
  { field: 'title', label: 'routines.edit.title' },
  { field: 'titleEn', label: 'routines.edit.titleEn', optional: true },
  { field: 'responsible', label: 'routines.who' },
  { field: 'frequency', label: 'routines.when' },
  { field: 'body', label: 'routines.edit.body', long: true },
  { field: 'bodyEn', label: 'routines.edit.bodyEn', long: true, optional: true },
];

const problemKey = (code: string): RoutineKey =>
  code === 'REQUIRED' || code === 'TOO_LONG' || code === 'NOT_FOUND' || code === 'FORBIDDEN' ? `routines.problem.${code}` : 'routines.problem.INVALID';

/** The form itself, once its choices are loaded. */
function EditorForm({ data, routineId }: { data: EditorData; routineId: string | null }) {
  const { t } = useRoutineText();
  const [form, setForm] = useState<RoutineForm>(data.form);
  const [problems, setProblems] = useState<Map<FormField, string>>(new Map());
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [focusFirst, setFocusFirst] = useState(0);

  useEffect(() => {
    const first = [...problems.keys()][0];
    if (focusFirst > 0 && first) document.getElementById(`routine-${first}`)?.focus();
  }, [focusFirst]);

  const set = (field: FormField) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [field]: e.target.value }));
  const described = (field: FormField) =>
    problems.has(field) ? { 'aria-invalid': true as const, 'aria-describedby': `routine-${field}-problem` } : { 'aria-invalid': false as const };
  const problem = (field: FormField) =>
    problems.has(field) && (
      <p className="error" id={`routine-${field}-problem`}>
        {t(problemKey(problems.get(field) as string))}
      </p>
    );

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      const id = await saveRoutine(data, form, routineId);
      // The phone's copy is what the routine screen shows: fetch it before going there.
      await refreshReferenceData().catch(() => undefined);
      navigate({ name: 'routine', routineId: id }, { replace: true });
    } catch (error) {
      const refused = refusedFields(error);
      setProblems(refused.fields);
      setFailure(refused.other);
      setFocusFirst((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="routine-form" noValidate onSubmit={(e) => void save(e)}>
      <label htmlFor="routine-activityId">{t('routines.activity')}</label>
      <select id="routine-activityId" value={form.activityId} onChange={set('activityId')} {...described('activityId')}>
        {data.processes.map((p) => (
          <optgroup key={p.id} label={p.name}>
            {p.activities.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      {problem('activityId')}
      <label htmlFor="routine-unitId">{t('routines.unit')}</label>
      <select id="routine-unitId" value={form.unitId} disabled={routineId !== null} onChange={set('unitId')} {...described('unitId')}>
        {data.wholeMunicipality && <option value="">{t('routines.wholeMunicipality')}</option>}
        {data.units.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name}
          </option>
        ))}
      </select>
      {problem('unitId')}
      {TEXT_FIELDS.map(({ field, label, long, optional }) => (
        <div key={field}>
          <label htmlFor={`routine-${field}`}>{optional ? t('routines.edit.optional', { label: t(label) }) : t(label)}</label>
          {long && <p className="list-meta">{t('routines.edit.markdownHint')}</p>}
          {long ? (
            <textarea id={`routine-${field}`} rows={8} value={form[field]} onChange={set(field)} {...described(field)} />
          ) : (
            <input id={`routine-${field}`} type="text" value={form[field]} onChange={set(field)} {...described(field)} />
          )}
          {problem(field)}
        </div>
      ))}
      <label htmlFor="routine-reviewOn">{t('routines.reviewOn')}</label>
      <input id="routine-reviewOn" type="date" value={form.reviewOn} onChange={set('reviewOn')} {...described('reviewOn')} />
      {problem('reviewOn')}
      <label htmlFor="routine-itemKey">{t('routines.checklistItem')}</label>
      <select id="routine-itemKey" value={form.itemKey} onChange={set('itemKey')} {...described('itemKey')}>
        <option value="">{t('routines.edit.noItem')}</option>
        {data.questions.map((q) => (
          <option key={q.key} value={q.key}>
            {q.text}
          </option>
        ))}
      </select>
      {problem('itemKey')}
      {failure && (
        <p className="error" role="alert">
          {t('routines.edit.failed', { message: failure })}
        </p>
      )}
      {problems.size > 0 && (
        <p className="error" role="alert">
          {t('routines.edit.problems')}
        </p>
      )}
      <button type="submit" className="button button-primary" disabled={busy}>
        {t('routines.edit.save')}
      </button>
    </form>
  );
}

/** A new routine, or a change to one (which makes a new version when what staff read changes). Needs a network. */
export function RoutineEditor({ routineId }: { routineId: string | null }) {
  const { t, locale } = useRoutineText();
  const session = useStore(sessionStore);
  const online = useOnline();
  const userId = session.status === 'active' ? session.session.user.id : '';
  const data = useAsync(() => (online ? loadEditor(userId, routineId, locale) : Promise.resolve(null)), [userId, routineId, online]);
  return (
    <section className="routine-editor">
      <button type="button" className="link-button" onClick={() => navigate(routineId ? { name: 'routine', routineId } : { name: 'routines' })}>
        {t(routineId ? 'routines.edit.back' : 'routines.back')}
      </button>
      <h1 tabIndex={-1}>{t(routineId ? 'routines.edit.change' : 'routines.edit.new')}</h1>
      {routineId && <p>{t('routines.edit.versionNote')}</p>}
      {!online && <p>{t('routines.edit.offline')}</p>}
      {data.status === 'loading' && <p className="loading">{t('routines.loadingText')}</p>}
      {data.status === 'error' && (
        <p className="error" role="alert">
          {t('routines.edit.failed', { message: data.error.message })}
        </p>
      )}
      {data.status === 'ready' && data.value && <EditorForm data={data.value} routineId={routineId} />}
    </section>
  );
}
