import { useState, type FormEvent } from 'react';
import { formatDay, formatMoment } from '../../i18n/dates.js';
import { GraphQLRequestError } from '../../sync/graphql-client.js';
import { messageOf, planRequest } from '../plan/plan-api.js';
import type { FeedbackKind, FeedbackStatus, FeedbackUnit } from './feedback-api.js';
import { useFeedbackText } from './feedback-messages.js';

export interface FeedbackCaseView {
  id: string;
  caseNumber: string;
  kind: FeedbackKind;
  channel: 'WEB' | 'PHONE' | 'PAPER' | 'IN_PERSON';
  status: FeedbackStatus;
  unitId: string | null;
  unitName: string | null;
  message: string;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  receivedAt: string;
  dueOn: string;
  overdue: boolean;
  findings: string | null;
  answer: string | null;
  answeredAt: string | null;
}

const ROUTE = `mutation($id: UUID!, $unitId: UUID!) { routeFeedback(id: $id, unitId: $unitId) { id status unitName } }`;
const ANSWER = `mutation($id: UUID!, $findings: String!, $answer: String!) { answerFeedback(id: $id, findings: $findings, answer: $answer) { id status } }`;

type Change = { key: 'feedbackCases.routed'; caseNumber: string; unit: string } | { key: 'feedbackCases.answered'; caseNumber: string };

/** One case: what came in and when it is due; while open, routing it (coordinators, admins) and answering it. */
export function FeedbackCaseCard({
  feedbackCase: c,
  units,
  mayRoute,
  onChanged,
}: {
  feedbackCase: FeedbackCaseView;
  units: FeedbackUnit[];
  mayRoute: boolean;
  onChanged: (change: Change) => void;
}) {
  const { t, locale } = useFeedbackText();
  const [unitId, setUnitId] = useState(c.unitId ?? units[0]?.id ?? '');
  const [findings, setFindings] = useState('');
  const [answer, setAnswer] = useState('');
  const [problem, setProblem] = useState<{ field: string | null; message: string } | null>(null);
  const open = c.status !== 'ANSWERED';
  const contact = [c.contactName, c.contactEmail, c.contactPhone].filter(Boolean).join(', ');
  const id = (what: string) => `case-${c.id}-${what}`;

  const act = async (e: FormEvent, request: () => Promise<Change>) => {
    e.preventDefault();
    setProblem(null);
    try {
      onChanged(await request());
    } catch (error) {
      const field = error instanceof GraphQLRequestError && error.failure.kind === 'refused' ? error.failure.field : null;
      setProblem({ field, message: messageOf(error) });
    }
  };
  const route = (e: FormEvent) =>
    act(e, async () => {
      const data = await planRequest<{ routeFeedback: { unitName: string | null } }>(ROUTE, { id: c.id, unitId });
      return { key: 'feedbackCases.routed', caseNumber: c.caseNumber, unit: data.routeFeedback.unitName ?? '' };
    });
  const close = (e: FormEvent) =>
    act(e, async () => {
      await planRequest(ANSWER, { id: c.id, findings, answer });
      return { key: 'feedbackCases.answered', caseNumber: c.caseNumber };
    });
  const fieldProblem = (field: string) => problem?.field === field;

  return (
    <li className={`card feedback-case${c.overdue ? ' overdue' : ''}`} aria-labelledby={id('title')}>
      <h3 id={id('title')}>
        {c.caseNumber} · {t(`feedback.kind.${c.kind}`)}
        {c.overdue && <span className="overdue-mark"> · {t('feedbackCases.overdue')}</span>}
      </h3>
      <p>
        {c.unitName ?? t('feedbackCases.noUnit')} · {t(`feedbackCases.status.${c.status}`)}
      </p>
      <p>
        {t('feedbackCases.received', { date: formatMoment(c.receivedAt, locale), channel: t(`feedbackCases.channel.${c.channel}`) })} ·{' '}
        {t('feedbackCases.due', { date: formatDay(`${c.dueOn}T12:00:00`, locale) })}
      </p>
      <blockquote>{c.message}</blockquote>
      <p>{contact ? t('feedbackCases.contact', { contact }) : t('feedbackCases.anonymous')}</p>
      {!open && (
        <dl>
          <dt>{t('feedbackCases.findings')}</dt>
          <dd>{c.findings}</dd>
          <dt>{t('feedbackCases.answer')}</dt>
          <dd>{c.answer}</dd>
        </dl>
      )}
      {problem && (
        <p className="error" role="alert" id={id('problem')}>
          {t('feedbackCases.error', { message: problem.message })}
        </p>
      )}
      {open && mayRoute && units.length > 0 && (
        <form className="button-row" onSubmit={(e) => void route(e)}>
          <label htmlFor={id('unit')}>{t('feedbackCases.routeTo')}</label>
          <select id={id('unit')} value={unitId} onChange={(e) => setUnitId(e.target.value)}>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
          <button type="submit" className="button button-small">
            {t('feedbackCases.routeSubmit')}
          </button>
        </form>
      )}
      {open && (
        <form className="feedback-form" aria-label={t('feedbackCases.answerLabel', { caseNumber: c.caseNumber })} onSubmit={(e) => void close(e)}>
          <label htmlFor={id('findings')}>{t('feedbackCases.findings')}</label>
          <textarea
            id={id('findings')}
            rows={3}
            value={findings}
            aria-invalid={fieldProblem('findings') || undefined}
            aria-describedby={fieldProblem('findings') ? id('problem') : undefined}
            onChange={(e) => setFindings(e.target.value)}
          />
          <label htmlFor={id('answer')}>{t('feedbackCases.answer')}</label>
          <textarea
            id={id('answer')}
            rows={3}
            value={answer}
            aria-invalid={fieldProblem('answer') || undefined}
            aria-describedby={fieldProblem('answer') ? id('problem') : undefined}
            onChange={(e) => setAnswer(e.target.value)}
          />
          <button type="submit" className="button button-primary" disabled={!findings.trim() || !answer.trim()}>
            {t('feedbackCases.answerSubmit')}
          </button>
        </form>
      )}
    </li>
  );
}
