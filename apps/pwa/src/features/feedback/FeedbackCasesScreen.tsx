import './feedback.css';
import { useState } from 'react';
import { useAsync, useStore } from '../../app/hooks.js';
import { sessionStore } from '../../sync/session.js';
import { useI18n } from '../../i18n/i18n.js';
import { messageOf, planRequest } from '../plan/plan-api.js';
import { FEEDBACK_STATUSES, type FeedbackStatus, type FeedbackUnit } from './feedback-api.js';
import { FeedbackCaseCard, type FeedbackCaseView } from './FeedbackCaseCard.js';
import { RegisterFeedbackForm } from './RegisterFeedbackForm.js';
import { useFeedbackText } from './feedback-messages.js';

type Shown = FeedbackStatus | 'ALL' | 'OVERDUE';

const CASES = `query($filter: FeedbackCaseFilter) {
  feedbackCases(filter: $filter) {
    id caseNumber kind channel status unitId unitName message contactName contactEmail contactPhone
    receivedAt dueOn overdue findings answer answeredAt
  }
  organisation { municipality { kommunkod } units { id name } }
}`;

/** Who may send a case to another unit (the API's FEEDBACK_ROUTERS); the screen only hides what would be refused. */
const ROUTERS: ReadonlySet<string> = new Set(['quality_coordinator', 'admin']);

/**
 * "Synpunkter och klagomål" (/kvalitet/synpunkter): the cases in the supervisor's scope, newest first,
 * overdue ones marked; feedback that came by phone, letter or visit registered here; each open case routed
 * to its unit (coordinators, admins) and answered, which closes it.
 */
export function FeedbackCasesScreen() {
  const { t } = useFeedbackText();
  const appText = useI18n().t;
  const session = useStore(sessionStore);
  const role = session.status === 'active' ? session.session.user.role : 'staff';
  const [shown, setShown] = useState<Shown>('ALL');
  const [version, setVersion] = useState(0);
  // The notice keeps what happened, not its text: a change of language re-words it.
  const [notice, setNotice] = useState<{ key: 'feedbackCases.routed' | 'feedbackCases.answered'; caseNumber: string; unit?: string } | null>(null);
  const filter = shown === 'ALL' ? {} : shown === 'OVERDUE' ? { overdue: true } : { status: shown };
  const data = useAsync(
    () => planRequest<{ feedbackCases: FeedbackCaseView[]; organisation: { municipality: { kommunkod: string }; units: FeedbackUnit[] } }>(CASES, { filter }),
    [shown, version],
  );
  const reload = () => setVersion((n) => n + 1);

  return (
    <section className="feedback-cases">
      <h1 tabIndex={-1}>{t('feedbackCases.title')}</h1>
      <p>{t('feedbackCases.intro')}</p>
      {data.status === 'ready' && (
        <p className="note">{t('feedbackCases.publicForm', { path: `/synpunkter/${data.value.organisation.municipality.kommunkod}` })}</p>
      )}
      {data.status === 'loading' && <p className="loading">{appText('common.loading')}</p>}
      {data.status === 'error' && (
        <p className="error" role="alert">
          {t('feedbackCases.error', { message: messageOf(data.error) })}
        </p>
      )}
      {notice && <p role="status">{t(notice.key, { caseNumber: notice.caseNumber, unit: notice.unit ?? '' })}</p>}

      <h2>{t('feedbackCases.list')}</h2>
      <div className="button-row">
        <label htmlFor="feedback-shown">{t('feedbackCases.filter')}</label>
        <select id="feedback-shown" value={shown} onChange={(e) => setShown(e.target.value as Shown)}>
          <option value="ALL">{t('feedbackCases.filter.ALL')}</option>
          <option value="OVERDUE">{t('feedbackCases.filter.OVERDUE')}</option>
          {FEEDBACK_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`feedbackCases.status.${s}`)}
            </option>
          ))}
        </select>
        <button type="button" className="button button-small" onClick={reload}>
          {t('feedbackCases.refresh')}
        </button>
      </div>
      {data.status === 'ready' && data.value.feedbackCases.length === 0 && <p>{t('feedbackCases.none')}</p>}
      {data.status === 'ready' && data.value.feedbackCases.length > 0 && (
        <ul className="list" aria-label={t('feedbackCases.list')}>
          {data.value.feedbackCases.map((c) => (
            <FeedbackCaseCard
              key={c.id}
              feedbackCase={c}
              units={data.value.organisation.units}
              mayRoute={ROUTERS.has(role)}
              onChanged={(change) => {
                setNotice(change);
                reload();
              }}
            />
          ))}
        </ul>
      )}

      <h2>{t('feedbackCases.register')}</h2>
      {data.status === 'ready' && <RegisterFeedbackForm units={data.value.organisation.units} onRegistered={reload} />}
    </section>
  );
}
