import { useEffect, useState, type FormEvent } from 'react';
import { formatDay } from '../../i18n/dates.js';
import { planRequest } from '../plan/plan-api.js';
import {
  contentInput,
  EMPTY_CONTENT,
  inFormOrder,
  problemsBeforeSending,
  REGISTER_FEEDBACK,
  sendFailureOf,
  STAFF_CHANNELS,
  type FeedbackReceipt,
  type FeedbackUnit,
  type FieldProblem,
  type StaffChannel,
} from './feedback-api.js';
import { FeedbackFields, fieldId } from './FeedbackFields.js';
import { useFeedbackText } from './feedback-messages.js';

const PREFIX = 'register-feedback';

/** Feedback that came by phone, letter or visit, written down by staff: the same fields and case numbers as the public form. */
export function RegisterFeedbackForm({ units, onRegistered }: { units: FeedbackUnit[]; onRegistered: () => void }) {
  const { t, locale } = useFeedbackText();
  const [channel, setChannel] = useState<StaffChannel>('PHONE');
  const [content, setContent] = useState(EMPTY_CONTENT);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [receipt, setReceipt] = useState<FeedbackReceipt | null>(null);
  const [focusFirst, setFocusFirst] = useState(0);

  useEffect(() => {
    const first = problems[0];
    if (focusFirst > 0 && first) document.getElementById(fieldId(PREFIX, first.field))?.focus();
  }, [focusFirst]);

  const showProblems = (found: FieldProblem[]) => {
    setProblems(inFormOrder(found));
    setFocusFirst((n) => n + 1);
  };

  const register = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    setReceipt(null);
    const found = problemsBeforeSending(content);
    if (found.length > 0) return showProblems(found);
    setProblems([]);
    try {
      const data = await planRequest<{ registerFeedback: FeedbackReceipt }>(REGISTER_FEEDBACK, { input: { ...contentInput(content), channel } });
      setReceipt(data.registerFeedback);
      setContent(EMPTY_CONTENT);
      onRegistered();
    } catch (error) {
      const failed = sendFailureOf(error);
      if (failed.kind === 'fields') showProblems(failed.problems);
      else setFailure(failed.kind === 'other' ? failed.message : t(failed.kind === 'offline' ? 'feedback.offline' : 'feedback.tooMany', { minutes: 60 }));
    }
  };

  return (
    <form className="feedback-form" noValidate onSubmit={(e) => void register(e)}>
      <label htmlFor={fieldId(PREFIX, 'channel')}>{t('feedbackCases.channel')}</label>
      <select id={fieldId(PREFIX, 'channel')} value={channel} onChange={(e) => setChannel(e.target.value as StaffChannel)}>
        {STAFF_CHANNELS.map((c) => (
          <option key={c} value={c}>
            {t(`feedbackCases.channel.${c}`)}
          </option>
        ))}
      </select>
      <FeedbackFields prefix={PREFIX} content={content} onChange={setContent} units={units} problems={problems} contactWhy="feedbackCases.contactWhy" />
      {failure && (
        <p className="error" role="alert">
          {t('feedbackCases.error', { message: failure })}
        </p>
      )}
      <button type="submit" className="button button-primary">
        {t('feedbackCases.registerSubmit')}
      </button>
      {receipt && (
        <p role="status">{t('feedbackCases.registered', { caseNumber: receipt.caseNumber, date: formatDay(`${receipt.dueOn}T12:00:00`, locale) })}</p>
      )}
    </form>
  );
}
