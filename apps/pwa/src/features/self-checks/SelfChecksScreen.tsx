import { useState } from 'react';
import { useAsync, useOnline, useStore } from '../../app/hooks.js';
import { sessionStore } from '../../sync/session.js';
import { messageOf, planRequest } from '../plan/plan-api.js';
import { SelfCheckForm } from './SelfCheckForm.js';
import { SelfCheckPlanForm } from './SelfCheckPlanForm.js';
import { RESULT_FIELDS, SelfCheckResultCard, type SelfCheckResult } from './SelfCheckResultCard.js';
import { useSelfCheckText, type SelfCheckKey } from './self-check-messages.js';

/*
 * "Egenkontroller" (/kvalitet/egenkontroller): the plans of the user's scope with when each is due, a
 * form to perform one, and the completed checks with their findings and actions. Online, as the other
 * supervisors' screens: it asks the API directly.
 */

interface Plan {
  id: string;
  unitName: string;
  processName: string | null;
  templateVersionId: string;
  templateTitle: { sv: string; en: string };
  frequency: string;
  firstDueOn: string;
  performerId: string | null;
  performerRole: string | null;
  performerName: string | null;
  active: boolean;
  lastDoneOn: string | null;
  dueOn: string;
  state: 'NOT_DUE' | 'DUE' | 'OVERDUE';
}
type Result = SelfCheckResult & { planId: string };

const LOAD = `query { selfCheckPlans(filter: { first: 200 }) { id unitName processName templateVersionId templateTitle { sv en } frequency firstDueOn performerId performerRole
  performerName active lastDoneOn dueOn state }
  selfCheckResults(filter: { first: 50 }) { planId ${RESULT_FIELDS} } }`;

const END_PLAN = `mutation($id: UUID!, $input: SelfCheckPlanChange!) { updateSelfCheckPlan(id: $id, input: $input) { id } }`;

const MANAGERS: ReadonlySet<string> = new Set(['unit_manager', 'quality_coordinator', 'admin']);
const PERFORMERS: ReadonlySet<string> = new Set(['staff', 'unit_manager', 'quality_coordinator']);

export function SelfChecksScreen() {
  const { t, locale } = useSelfCheckText();
  const online = useOnline();
  const session = useStore(sessionStore);
  const role = session.status === 'active' ? session.session.user.role : 'staff';
  const [performing, setPerforming] = useState<string | null>(null);
  const [loads, setLoads] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const [planning, setPlanning] = useState(false);
  const endPlan = (p: Plan) =>
    void planRequest(END_PLAN, {
      id: p.id,
      input: { active: false, firstDueOn: p.firstDueOn, frequency: p.frequency, performerId: p.performerId, performerRole: p.performerRole },
    }).then(
      () => {
        setNotice(t('selfChecks.planEnded'));
        setLoads((n) => n + 1);
      },
      (error: unknown) => setNotice(t('selfChecks.failed', { message: messageOf(error) })),
    );
  const data = useAsync(() => (online ? planRequest<{ selfCheckPlans: Plan[]; selfCheckResults: Result[] }>(LOAD) : Promise.resolve(null)), [online, loads]);
  const plans = data.status === 'ready' && data.value ? data.value.selfCheckPlans : [];
  const results = data.status === 'ready' && data.value ? data.value.selfCheckResults : [];
  const titleOf = (planId: string) => plans.find((p) => p.id === planId)?.templateTitle[locale] ?? '';

  return (
    <section className="self-checks">
      <h1 tabIndex={-1}>{t('selfChecks.title')}</h1>
      <p>{t('selfChecks.intro')}</p>
      {!online && <p>{t('selfChecks.offline')}</p>}
      {notice && <p role="status">{notice}</p>}
      {data.status === 'error' && (
        <p className="error" role="alert">
          {t('selfChecks.error', { message: messageOf(data.error) })}
        </p>
      )}
      <h2>{t('selfChecks.plans')}</h2>
      {MANAGERS.has(role) && online && !planning && (
        <button type="button" className="button" onClick={() => setPlanning(true)}>
          {t('selfChecks.newPlan')}
        </button>
      )}
      {planning && (
        <SelfCheckPlanForm
          onDone={(created) => {
            setPlanning(false);
            if (created) {
              setNotice(t('selfChecks.planCreated'));
              setLoads((n) => n + 1);
            }
          }}
        />
      )}
      {data.status === 'ready' && plans.length === 0 && <p>{t('selfChecks.none')}</p>}
      <ul className="list" aria-label={t('selfChecks.plans')}>
        {plans
          .filter((p) => p.active)
          .map((p) => (
            <li key={p.id} className="card" data-self-check-plan={p.id}>
              <h3>{p.templateTitle[locale]}</h3>
              <p className="list-meta">{[p.unitName, p.processName, t(`selfChecks.frequency.${p.frequency}` as SelfCheckKey)].filter(Boolean).join(' · ')}</p>
              <p>
                <strong data-state={p.state}>{t(`selfChecks.state.${p.state}` as SelfCheckKey)}</strong> · {t('selfChecks.due', { date: p.dueOn })}
                {p.lastDoneOn && ` · ${t('selfChecks.last', { date: p.lastDoneOn })}`}
              </p>
              <p className="list-meta">
                {t('selfChecks.performer', { who: p.performerName ?? t(`selfChecks.role.${p.performerRole ?? 'STAFF'}` as SelfCheckKey) })}
              </p>
              {PERFORMERS.has(role) && performing !== p.id && (
                <button type="button" className="button button-small" onClick={() => setPerforming(p.id)}>
                  {t('selfChecks.perform')}
                </button>
              )}
              {MANAGERS.has(role) && (
                <button
                  type="button"
                  className="button button-small"
                  aria-label={t('selfChecks.endPlanLabel', { template: p.templateTitle[locale], unit: p.unitName })}
                  onClick={() => endPlan(p)}
                >
                  {t('selfChecks.endPlan')}
                </button>
              )}
              {performing === p.id && (
                <SelfCheckForm
                  planId={p.id}
                  templateVersionId={p.templateVersionId}
                  onDone={(recorded) => {
                    setPerforming(null);
                    if (recorded) {
                      setNotice(t('selfChecks.recorded'));
                      setLoads(loads + 1);
                    }
                  }}
                />
              )}
            </li>
          ))}
      </ul>
      <h2>{t('selfChecks.results')}</h2>
      {data.status === 'ready' && results.length === 0 && <p>{t('selfChecks.noResults')}</p>}
      <ul className="list" aria-label={t('selfChecks.results')}>
        {results.map((r) => (
          <SelfCheckResultCard key={`${r.id}-${loads}`} initial={r} templateTitle={titleOf(r.planId)} manages={MANAGERS.has(role)} />
        ))}
      </ul>
    </section>
  );
}

export default SelfChecksScreen;
