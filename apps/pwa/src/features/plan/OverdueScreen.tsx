import { useAsync } from '../../app/hooks.js';
import { navigate } from '../../app/router.js';
import { messageOf, planRequest } from './plan-api.js';
import { usePlanText } from './plan-messages.js';

interface Overdue {
  overdueActions: Array<{
    kind: 'RISK_ACTION' | 'IMPROVEMENT_ACTION';
    id: string;
    what: string;
    dueDate: string;
    recipientId: string | null;
    goalId: string | null;
    goalText: string | null;
  }>;
}

/** A unit manager's overdue actions, from risks and from goals, earliest due first. */
export function OverdueScreen() {
  const { t } = usePlanText();
  const data = useAsync(() => planRequest<Overdue>(`{ overdueActions { kind id what dueDate recipientId goalId goalText } }`), []);
  return (
    <section>
      <h1 tabIndex={-1}>{t('overdue.title')}</h1>
      {data.status === 'error' && <p className="error">{t('plan.error', { message: messageOf(data.error) })}</p>}
      {data.status === 'ready' && data.value.overdueActions.length === 0 && <p>{t('overdue.empty')}</p>}
      {data.status === 'ready' && (
        <ul className="list overdue">
          {data.value.overdueActions.map((a) => (
            <li key={a.id} className="card">
              <p className="list-title">{a.what}</p>
              <p className="list-meta">
                {t(`overdue.kind.${a.kind}`)} · {t('overdue.due', { date: a.dueDate })}
                {a.goalText ? ` · ${a.goalText}` : ''}
              </p>
              {a.recipientId && (
                <button type="button" className="button button-small" onClick={() => navigate({ name: 'riskFollowUp', recipientId: a.recipientId as string })}>
                  {t('overdue.followUp')}
                </button>
              )}
              {a.goalId && (
                <button type="button" className="button button-small" onClick={() => navigate({ name: 'goal', goalId: a.goalId as string })}>
                  {a.goalText}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
