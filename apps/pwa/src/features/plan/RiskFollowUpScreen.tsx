import { useState, type FormEvent } from 'react';
import { useAsync, useStore } from '../../app/hooks.js';
import { sessionStore } from '../../sync/session.js';
import { messageOf, planRequest } from './plan-api.js';
import { usePlanText, type PlanText } from './plan-messages.js';

const CAUSES = ['ENVIRONMENT', 'EQUIPMENT', 'HEALTH', 'BEHAVIOUR', 'INFORMATION', 'OTHER'] as const;
const KINDS = ['FALL', 'FIRE', 'NEAR_MISS'] as const;

interface Item {
  riskId: string;
  itemKey: string;
  category: string;
  severity: string;
  effect: 'GONE' | 'STILL_THERE' | 'NEW' | null;
  causeAnalysis: { causes: string[]; description: string | null } | null;
  actions: Array<{ id: string; what: string; status: string; dueDate: string | null }>;
}
interface View {
  riskFollowUp: {
    reviewId: string | null;
    performedAt: string | null;
    previousReviewId: string | null;
    items: Item[];
    events: Array<{ id: string; kind: string; riskCategory: string; occurredOn: string; description: string | null }>;
  };
}

/** One person's risks at their latest review against the one before: gone, still there, new; causes, actions and events. */
export function RiskFollowUpScreen({ recipientId }: { recipientId: string }) {
  const { t } = usePlanText();
  const session = useStore(sessionStore);
  const writes = session.status === 'active' && (session.session.user.role === 'unit_manager' || session.session.user.role === 'staff');
  const [version, setVersion] = useState(0);
  const data = useAsync(
    () =>
      planRequest<View>(
        `query RiskFollowUp($r: UUID!) { riskFollowUp(recipientId: $r) { reviewId performedAt previousReviewId
          items { riskId itemKey category severity effect causeAnalysis { causes description } actions { id what status dueDate } }
          events { id kind riskCategory occurredOn description } } }`,
        { r: recipientId },
      ),
    [recipientId, version],
  );
  const reload = () => setVersion((v) => v + 1);
  return (
    <section>
      <h1 tabIndex={-1}>{t('risk.title')}</h1>
      {data.status === 'error' && <p className="error">{t('plan.error', { message: messageOf(data.error) })}</p>}
      {data.status === 'ready' && (
        <>
          {!data.value.riskFollowUp.reviewId && <p>{t('risk.noReview')}</p>}
          {data.value.riskFollowUp.reviewId && <p>{data.value.riskFollowUp.previousReviewId ? t('risk.comparedWith') : t('risk.first')}</p>}
          {data.value.riskFollowUp.reviewId && data.value.riskFollowUp.items.length === 0 && <p>{t('risk.none')}</p>}
          <ul className="list risk-items">
            {data.value.riskFollowUp.items.map((item) => (
              <li key={item.riskId} className="card">
                <p className="list-title">
                  {item.itemKey} · {item.category}
                  {item.effect && <span className={`status effect-${item.effect.toLowerCase()}`}> {t(`risk.effect.${item.effect}`)}</span>}
                </p>
                <p>
                  {t('risk.causes')}:{' '}
                  {item.causeAnalysis ? item.causeAnalysis.causes.map((c) => t(`cause.${c}` as 'cause.OTHER')).join(', ') : t('risk.noAnalysis')}
                  {item.causeAnalysis?.description ? ` – ${item.causeAnalysis.description}` : ''}
                </p>
                {item.actions.length > 0 && (
                  <ul>
                    {item.actions.map((a) => (
                      <li key={a.id}>
                        {a.what} · {a.status} {a.dueDate ?? ''}
                      </li>
                    ))}
                  </ul>
                )}
                {writes && item.effect !== 'GONE' && <CauseForm item={item} t={t} onDone={reload} />}
              </li>
            ))}
          </ul>
          <h2>{t('event.title')}</h2>
          {data.value.riskFollowUp.events.length === 0 && <p>{t('event.none')}</p>}
          <ul>
            {data.value.riskFollowUp.events.map((e) => (
              <li key={e.id}>
                {e.occurredOn} · {t(`event.kind.${e.kind}` as 'event.kind.FALL')} · {e.riskCategory}
                {e.description ? ` – ${e.description}` : ''}
              </li>
            ))}
          </ul>
          {writes && <EventForm recipientId={recipientId} t={t} onDone={reload} />}
        </>
      )}
    </section>
  );
}

function CauseForm({ item, t, onDone }: { item: Item; t: PlanText; onDone: () => void }) {
  const [causes, setCauses] = useState<string[]>(item.causeAnalysis?.causes ?? []);
  const [description, setDescription] = useState(item.causeAnalysis?.description ?? '');
  const [error, setError] = useState<string | null>(null);
  const key = item.riskId.slice(0, 8);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await planRequest(`mutation($input: CauseAnalysisInput!) { recordCauseAnalysis(input: $input) { id } }`, {
        input: { riskId: item.riskId, causes, description: description || null },
      });
      setError(null);
      onDone();
    } catch (err) {
      setError(messageOf(err));
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)}>
      <fieldset>
        <legend>
          {t('risk.analyse')}: {item.itemKey}
        </legend>
        {CAUSES.map((c) => (
          <label key={c} className="check">
            <input
              type="checkbox"
              checked={causes.includes(c)}
              onChange={(e) => setCauses(e.target.checked ? [...causes, c] : causes.filter((x) => x !== c))}
            />{' '}
            {t(`cause.${c}`)}
          </label>
        ))}
        <label htmlFor={`cause-text-${key}`}>{t('risk.description')}</label>
        <textarea id={`cause-text-${key}`} value={description} onChange={(e) => setDescription(e.target.value)} />
      </fieldset>
      {error && (
        <p className="error" role="alert">
          {t('plan.error', { message: error })}
        </p>
      )}
      <button type="submit" className="button">
        {t('risk.saveAnalysis')}
      </button>
    </form>
  );
}

function EventForm({ recipientId, t, onDone }: { recipientId: string; t: PlanText; onDone: () => void }) {
  const [kind, setKind] = useState<string>('FALL');
  const [category, setCategory] = useState('fall');
  const [date, setDate] = useState(new Date().toISOString().slice(0, 10));
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await planRequest(`mutation($input: RecordEventInput!) { recordCareEvent(input: $input) { id } }`, {
        input: { recipientId, kind, riskCategory: category, occurredOn: date },
      });
      setError(null);
      onDone();
    } catch (err) {
      setError(messageOf(err));
    }
  };
  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-label={t('event.record')}>
      <label htmlFor="event-kind">{t('event.kind')}</label>
      <select id="event-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
        {KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`event.kind.${k}`)}
          </option>
        ))}
      </select>
      <label htmlFor="event-category">{t('event.category')}</label>
      <select id="event-category" value={category} onChange={(e) => setCategory(e.target.value)}>
        {['fall', 'brand', 'el', 'utrymning', 'fastighet'].map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
      <label htmlFor="event-date">{t('event.date')}</label>
      <input id="event-date" type="date" required value={date} onChange={(e) => setDate(e.target.value)} />
      {error && (
        <p className="error" role="alert">
          {t('plan.error', { message: error })}
        </p>
      )}
      <button type="submit" className="button">
        {t('event.record')}
      </button>
    </form>
  );
}
