import { useState, type FormEvent, type ReactNode } from 'react';
import { useAsync, useStore } from '../../app/hooks.js';
import { sessionStore } from '../../sync/session.js';
import { FOLLOW_UP_FIELDS, GOAL_FIELDS, messageOf, planRequest, type FollowUpView, type GoalDetail } from './plan-api.js';
import { formatValue, usePlanText, type PlanText } from './plan-messages.js';
import { GoalSurveyEvidence } from '../surveys/GoalSurveyEvidence.js';

interface Org {
  organisation: { units: Array<{ id: string; name: string; administrationId: string }> };
  users: Array<{ id: string; displayName: string; unitId: string | null; administrationId: string | null; active: boolean }>;
}

/** A form that sends one mutation and says how it went. */
function useSend(onDone: () => void) {
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const send = async (e: FormEvent, query: string, variables: Record<string, unknown>, reset?: () => void) => {
    e.preventDefault();
    setState({ busy: true, error: null });
    try {
      await planRequest(query, variables);
      setState({ busy: false, error: null });
      reset?.();
      onDone();
    } catch (error) {
      setState({ busy: false, error: messageOf(error) });
    }
  };
  return { ...state, send };
}

function Problem({ error, t }: { error: string | null; t: PlanText }) {
  return error ? (
    <p className="error" role="alert">
      {t('plan.error', { message: error })}
    </p>
  ) : null;
}

function Field({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      {children}
    </>
  );
}

/** One goal: its activities, follow-ups with value against target, lessons, and improvement actions where it fell short. */
export function GoalScreen({ goalId }: { goalId: string }) {
  const { t, locale } = usePlanText();
  const session = useStore(sessionStore);
  const user = session.status === 'active' ? session.session.user : null;
  const [version, setVersion] = useState(0);
  const reload = () => setVersion((v) => v + 1);
  const data = useAsync(
    () =>
      Promise.all([
        planRequest<{ goal: GoalDetail }>(
          `query Goal($id: UUID!) { goal(id: $id) { ${GOAL_FIELDS} activities { id unitId what responsibleId dueDate status } followUps { ${FOLLOW_UP_FIELDS} } } }`,
          { id: goalId },
        ),
        planRequest<Org>(`{ organisation { units { id name administrationId } } users { id displayName unitId administrationId active } }`),
      ]),
    [goalId, version],
  );
  if (data.status === 'loading') return <p className="loading">{t('plan.saving')}</p>;
  if (data.status === 'error') return <p className="error">{t('plan.error', { message: messageOf(data.error) })}</p>;
  const [{ goal }, org] = data.value;
  const manager = user?.role === 'unit_manager';
  const units = org.organisation.units.filter((u) => (manager ? u.id === user.unitId : true));
  const unitName = (id: string | null) => (id ? (org.organisation.units.find((u) => u.id === id)?.name ?? id) : t('followUp.wholeAdministration'));
  const personName = (id: string | null) => org.users.find((u) => u.id === id)?.displayName ?? '';
  const value = (v: number | null) => formatValue(v, goal.targetIndicator, locale);

  return (
    <section className="goal">
      <h1 tabIndex={-1}>{goal.text}</h1>
      <p className="list-meta">
        {goal.board} · {goal.year} · {t(`indicator.${goal.targetIndicator}` as 'indicator.COVERAGE')} ·{' '}
        {t('goal.target.label', { direction: t(`direction.${goal.targetDirection}`), value: value(goal.targetValue) })}
      </p>

      <h2>{t('goal.activities')}</h2>
      {goal.activities.length === 0 && <p>{t('goal.noActivities')}</p>}
      <ul className="list">
        {goal.activities.map((a) => (
          <li key={a.id} className="card">
            <p className="list-title">{a.what}</p>
            <p className="list-meta">
              {unitName(a.unitId)} · {personName(a.responsibleId)} {a.dueDate ? `· ${t('activity.due')} ${a.dueDate}` : ''} ·{' '}
              <span className="status">{t(`activity.status.${a.status}` as 'activity.status.DONE')}</span>
            </p>
            {(a.status === 'PLANNED' || a.status === 'IN_PROGRESS') && (
              <ActivityStatusButton
                id={a.id}
                next={a.status === 'PLANNED' ? 'IN_PROGRESS' : 'DONE'}
                label={t(a.status === 'PLANNED' ? 'activity.start' : 'activity.finish')}
                onDone={reload}
              />
            )}
          </li>
        ))}
      </ul>
      <NewActivity goalId={goal.id} units={units} users={org.users} onDone={reload} t={t} />

      <h2>{t('followUp.title')}</h2>
      {goal.followUps.length === 0 && <p>{t('followUp.none')}</p>}
      <ul className="list">
        {goal.followUps.map((f) => (
          <FollowUpCard key={f.id} followUp={f} unitName={unitName} value={value} users={org.users} t={t} onDone={reload} />
        ))}
      </ul>
      <NewFollowUp goal={goal} units={units} allowWhole={!manager} onDone={reload} t={t} />
      <GoalSurveyEvidence goalId={goal.id} year={goal.year} canCite={user?.role === 'quality_coordinator' || user?.role === 'admin'} />
    </section>
  );
}

function ActivityStatusButton({ id, next, label, onDone }: { id: string; next: string; label: string; onDone: () => void }) {
  const { busy, send } = useSend(onDone);
  return (
    <form onSubmit={(e) => void send(e, `mutation($id: UUID!, $s: ActivityStatus!) { setActivityStatus(id: $id, status: $s) { id } }`, { id, s: next })}>
      <button type="submit" className="button button-small" disabled={busy}>
        {label}
      </button>
    </form>
  );
}

function NewActivity({
  goalId,
  units,
  users,
  onDone,
  t,
}: {
  goalId: string;
  units: Org['organisation']['units'];
  users: Org['users'];
  onDone: () => void;
  t: PlanText;
}) {
  const [what, setWhat] = useState('');
  const [unitId, setUnitId] = useState(units[0]?.id ?? '');
  const [responsibleId, setResponsibleId] = useState('');
  const [due, setDue] = useState('');
  const { busy, error, send } = useSend(onDone);
  const people = users.filter((u) => u.active && u.unitId === unitId);
  return (
    <form
      className="card"
      aria-label={t('activity.add')}
      onSubmit={(e) =>
        void send(
          e,
          `mutation($input: CreateActivityInput!) { createActivity(input: $input) { id } }`,
          { input: { goalId, unitId, what, responsibleId: responsibleId || null, dueDate: due || null } },
          () => setWhat(''),
        )
      }
    >
      <Field id="activity-what" label={t('activity.what')}>
        <input id="activity-what" required value={what} onChange={(e) => setWhat(e.target.value)} />
      </Field>
      <Field id="activity-unit" label={t('activity.unit')}>
        <select id="activity-unit" value={unitId} onChange={(e) => setUnitId(e.target.value)}>
          {units.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id="activity-responsible" label={t('improvement.owner')}>
        <select id="activity-responsible" value={responsibleId} onChange={(e) => setResponsibleId(e.target.value)}>
          <option value="">–</option>
          {people.map((u) => (
            <option key={u.id} value={u.id}>
              {u.displayName}
            </option>
          ))}
        </select>
      </Field>
      <Field id="activity-due" label={t('activity.due')}>
        <input id="activity-due" type="date" value={due} onChange={(e) => setDue(e.target.value)} />
      </Field>
      <Problem error={error} t={t} />
      <button type="submit" className="button" disabled={busy}>
        {t('activity.add')}
      </button>
    </form>
  );
}

function NewFollowUp({
  goal,
  units,
  allowWhole,
  onDone,
  t,
}: {
  goal: GoalDetail;
  units: Org['organisation']['units'];
  allowWhole: boolean;
  onDone: () => void;
  t: PlanText;
}) {
  const [period, setPeriod] = useState(String(goal.year));
  const [unitId, setUnitId] = useState(allowWhole ? '' : (units[0]?.id ?? ''));
  const [value, setValue] = useState('');
  const [comment, setComment] = useState('');
  const [evidence, setEvidence] = useState('');
  const { busy, error, send } = useSend(onDone);
  const days = goal.targetIndicator === 'MEDIAN_DAYS_TO_CLOSE';
  const parsed = value.trim() === '' ? null : Number(value.replace(',', '.')) / (days ? 1 : 100);
  return (
    <form
      className="card"
      aria-label={t('followUp.record')}
      onSubmit={(e) =>
        void send(e, `mutation($input: RecordFollowUpInput!) { recordFollowUp(input: $input) { id } }`, {
          input: { goalId: goal.id, period, unitId: unitId || null, value: parsed, comment: comment || null, evidence: evidence ? [evidence] : [] },
        })
      }
    >
      <Field id="followup-period" label={t('followUp.period', { year: goal.year })}>
        <input id="followup-period" required value={period} onChange={(e) => setPeriod(e.target.value)} />
      </Field>
      <Field id="followup-unit" label={t('followUp.unit')}>
        <select id="followup-unit" value={unitId} onChange={(e) => setUnitId(e.target.value)}>
          {allowWhole && <option value="">{t('followUp.wholeAdministration')}</option>}
          {units.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id="followup-value" label={t('followUp.value')}>
        <input id="followup-value" inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} />
      </Field>
      <Field id="followup-comment" label={t('followUp.comment')}>
        <textarea id="followup-comment" value={comment} onChange={(e) => setComment(e.target.value)} />
      </Field>
      <Field id="followup-evidence" label={t('followUp.evidence')}>
        <input id="followup-evidence" type="url" value={evidence} onChange={(e) => setEvidence(e.target.value)} />
      </Field>
      <Problem error={error} t={t} />
      <button type="submit" className="button button-primary" disabled={busy}>
        {t('followUp.record')}
      </button>
    </form>
  );
}

function FollowUpCard({
  followUp: f,
  unitName,
  value,
  users,
  t,
  onDone,
}: {
  followUp: FollowUpView;
  unitName: (id: string | null) => string;
  value: (v: number | null) => string;
  users: Org['users'];
  t: PlanText;
  onDone: () => void;
}) {
  const [learned, setLearned] = useState('');
  const [changeNext, setChangeNext] = useState('');
  const [what, setWhat] = useState('');
  const [ownerId, setOwnerId] = useState('');
  const [due, setDue] = useState('');
  const lesson = useSend(onDone);
  const action = useSend(onDone);
  const close = useSend(onDone);
  const verdict = f.met === null ? t('followUp.noValue') : f.met ? t('followUp.met') : t('followUp.notMet');
  const owners = users.filter((u) => u.active && (f.unitId ? u.unitId === f.unitId : true));
  const key = f.id.slice(0, 8);
  return (
    <li className="card followup">
      <p className="list-title">
        {unitName(f.unitId)} · {t('followUp.result', { period: f.period, value: value(f.value), verdict })}
        {f.valueSource === 'COMPUTED' ? ` (${t('followUp.computed')})` : ''}
      </p>
      {f.comment && <p>{f.comment}</p>}
      {f.evidence.map((link) => (
        <p key={link}>
          <a href={link}>{link}</a>
        </p>
      ))}
      <h3>{t('lesson.title')}</h3>
      <ul>
        {f.lessons.map((l) => (
          <li key={l.id}>
            {l.learned} → {l.changeNext}
          </li>
        ))}
      </ul>
      <form
        aria-label={t('lesson.record')}
        onSubmit={(e) =>
          void lesson.send(
            e,
            `mutation($input: RecordLessonInput!) { recordLesson(input: $input) { id } }`,
            { input: { followUpId: f.id, learned, changeNext } },
            () => {
              setLearned('');
              setChangeNext('');
            },
          )
        }
      >
        <Field id={`lesson-learned-${key}`} label={t('lesson.learned')}>
          <textarea id={`lesson-learned-${key}`} required value={learned} onChange={(e) => setLearned(e.target.value)} />
        </Field>
        <Field id={`lesson-change-${key}`} label={t('lesson.changeNext')}>
          <textarea id={`lesson-change-${key}`} required value={changeNext} onChange={(e) => setChangeNext(e.target.value)} />
        </Field>
        <Problem error={lesson.error} t={t} />
        <button type="submit" className="button" disabled={lesson.busy}>
          {t('lesson.record')}
        </button>
      </form>
      {(f.met === false || f.improvementActions.length > 0) && <h3>{t('improvement.title')}</h3>}
      <ul>
        {f.improvementActions.map((a) => (
          <li key={a.id}>
            {a.what} · {users.find((u) => u.id === a.ownerId)?.displayName ?? ''} · {a.dueDate} ·{' '}
            <span className="status">{t(`improvement.status.${a.status}`)}</span>
            {a.status === 'OPEN' && (
              <form
                className="inline-form"
                onSubmit={(e) => void close.send(e, `mutation($id: UUID!) { closeImprovementAction(id: $id, done: true) { id } }`, { id: a.id })}
              >
                <button type="submit" className="button button-small" disabled={close.busy} aria-label={`${t('improvement.done')}: ${a.what}`}>
                  {t('improvement.done')}
                </button>
              </form>
            )}
          </li>
        ))}
      </ul>
      {f.met === false && (
        <form
          aria-label={t('improvement.add')}
          onSubmit={(e) =>
            void action.send(
              e,
              `mutation($input: CreateImprovementActionInput!) { createImprovementAction(input: $input) { id } }`,
              { input: { followUpId: f.id, what, ownerId, dueDate: due } },
              () => setWhat(''),
            )
          }
        >
          <Field id={`improvement-what-${key}`} label={t('improvement.what')}>
            <input id={`improvement-what-${key}`} required value={what} onChange={(e) => setWhat(e.target.value)} />
          </Field>
          <Field id={`improvement-owner-${key}`} label={t('improvement.owner')}>
            <select id={`improvement-owner-${key}`} required value={ownerId} onChange={(e) => setOwnerId(e.target.value)}>
              <option value="">–</option>
              {owners.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.displayName}
                </option>
              ))}
            </select>
          </Field>
          <Field id={`improvement-due-${key}`} label={t('improvement.due')}>
            <input id={`improvement-due-${key}`} type="date" required value={due} onChange={(e) => setDue(e.target.value)} />
          </Field>
          <Problem error={action.error} t={t} />
          <button type="submit" className="button" disabled={action.busy}>
            {t('improvement.add')}
          </button>
        </form>
      )}
    </li>
  );
}
