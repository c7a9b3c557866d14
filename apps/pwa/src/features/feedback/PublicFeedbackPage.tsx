import './feedback.css';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { isKommunkod } from '@hjulet/domain';
import { LanguageButton } from '../../app/LanguageButton.js';
import { useI18n } from '../../i18n/i18n.js';
import { formatDay } from '../../i18n/dates.js';
import {
  contentInput,
  EMPTY_CONTENT,
  FEEDBACK_UNITS,
  inFormOrder,
  problemsBeforeSending,
  publicRequest,
  sendFailureOf,
  SUBMIT_FEEDBACK,
  type FeedbackReceipt,
  type FeedbackUnit,
  type FieldProblem,
  type SendFailure,
} from './feedback-api.js';
import { FeedbackFields, fieldId } from './FeedbackFields.js';
import { useFeedbackText } from './feedback-messages.js';

const PREFIX = 'feedback';

/**
 * The public feedback page (/synpunkter/<kommunkod>): anyone, logged in or not, tells the municipality
 * what went wrong, could be better or was good, and gets a case number. Root renders it before it looks at
 * the session, as a chunk of its own. Without a kommunkod in the path the sender types it: the app has no
 * municipality of its own to assume.
 */
export default function PublicFeedbackPage({ kommunkod: fromPath }: { kommunkod: string | null }) {
  const { t: appText } = useI18n();
  const { t, locale } = useFeedbackText();
  const [kommunkod, setKommunkod] = useState(fromPath ?? '');
  const [units, setUnits] = useState<FeedbackUnit[] | null>([]);
  const [content, setContent] = useState(EMPTY_CONTENT);
  // The honeypot: people never see it; a program that fills in every field does.
  const [website, setWebsite] = useState('');
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [failure, setFailure] = useState<Exclude<SendFailure, { kind: 'fields' }> | null>(null);
  const [sending, setSending] = useState(false);
  const [receipt, setReceipt] = useState<FeedbackReceipt | null>(null);
  const [focusFirst, setFocusFirst] = useState(0);
  const receiptHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (!isKommunkod(kommunkod)) return;
    let current = true;
    publicRequest<{ feedbackUnits: FeedbackUnit[] }>(FEEDBACK_UNITS, { municipality: kommunkod }).then(
      (data) => current && setUnits(data.feedbackUnits),
      (error: unknown) => {
        if (!current) return;
        const failed = sendFailureOf(error);
        setUnits(failed.kind === 'fields' ? [] : null);
        if (failed.kind === 'fields') setProblems([{ field: 'municipality', code: 'NOT_FOUND' }]);
      },
    );
    return () => {
      current = false;
    };
  }, [kommunkod]);

  // Focus goes to the first field with a problem, so a keyboard or screen-reader user lands on it; it runs
  // after each send that found problems (focusFirst counts them), not when a problem changes while typing.
  useEffect(() => {
    const first = problems[0];
    if (focusFirst > 0 && first) document.getElementById(fieldId(PREFIX, first.field))?.focus();
  }, [focusFirst]);

  useEffect(() => {
    if (receipt) receiptHeading.current?.focus();
  }, [receipt]);

  const showProblems = (found: FieldProblem[]) => {
    setProblems(inFormOrder(found));
    setFocusFirst((n) => n + 1);
  };

  const send = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    const found = [...(isKommunkod(kommunkod) ? [] : [{ field: 'municipality', code: 'INVALID' }]), ...problemsBeforeSending(content)];
    if (found.length > 0) return showProblems(found);
    setProblems([]);
    if (!navigator.onLine) return setFailure({ kind: 'offline' });
    setSending(true);
    try {
      const data = await publicRequest<{ submitFeedback: FeedbackReceipt }>(SUBMIT_FEEDBACK, {
        input: { ...contentInput(content), municipality: kommunkod, website },
      });
      setReceipt(data.submitFeedback);
    } catch (error) {
      const failed = sendFailureOf(error);
      if (failed.kind === 'fields') showProblems(failed.problems);
      else setFailure(failed);
    } finally {
      setSending(false);
    }
  };

  const startAgain = () => {
    setReceipt(null);
    setContent(EMPTY_CONTENT);
  };

  const municipalityProblem = problems.find((p) => p.field === 'municipality');
  return (
    <>
      <a className="skip-link" href="#main">
        {appText('app.skipToContent')}
      </a>
      <header className="top-bar">
        <span className="brand">{appText('app.name')}</span>
        <LanguageButton />
      </header>
      <main id="main" className="feedback-page">
        {receipt ? (
          <section aria-labelledby="feedback-receipt">
            <h1 id="feedback-receipt" tabIndex={-1} ref={receiptHeading}>
              {t('feedback.thanks')}
            </h1>
            <p>{t('feedback.caseNumber')}</p>
            <p className="case-number">{receipt.caseNumber}</p>
            <p>{t('feedback.caseNumberHint')}</p>
            <p className="due">{t('feedback.dueOn', { date: formatDay(`${receipt.dueOn}T12:00:00`, locale) })}</p>
            <button type="button" className="button" onClick={startAgain}>
              {t('feedback.another')}
            </button>
          </section>
        ) : (
          <>
            <h1 tabIndex={-1}>{t('feedback.title')}</h1>
            <p>{t('feedback.intro')}</p>
            <form className="feedback-form" noValidate onSubmit={(e) => void send(e)}>
              {problems.length > 0 && (
                <p className="error" role="alert">
                  {t('feedback.problems')}
                </p>
              )}
              {(fromPath === null || municipalityProblem) && (
                <>
                  <label htmlFor={fieldId(PREFIX, 'municipality')}>{t('feedback.municipality')}</label>
                  {municipalityProblem && (
                    <p id="feedback-municipality-problem" className="error">
                      {t('feedback.problem.municipality')}
                    </p>
                  )}
                  <input
                    id={fieldId(PREFIX, 'municipality')}
                    inputMode="numeric"
                    autoComplete="off"
                    maxLength={4}
                    value={kommunkod}
                    aria-required="true"
                    aria-invalid={municipalityProblem ? true : undefined}
                    aria-describedby={municipalityProblem ? 'feedback-municipality-problem feedback-municipality-hint' : 'feedback-municipality-hint'}
                    onChange={(e) => setKommunkod(e.target.value.trim())}
                  />
                  <p id="feedback-municipality-hint" className="note">
                    {t('feedback.municipalityHint')}
                  </p>
                </>
              )}
              <FeedbackFields prefix={PREFIX} content={content} onChange={setContent} units={units} problems={problems} contactWhy="feedback.contactWhy" />
              <div className="honeypot" aria-hidden="true">
                <label htmlFor="feedback-website">{t('feedback.website')}</label>
                <input id="feedback-website" name="website" tabIndex={-1} autoComplete="off" value={website} onChange={(e) => setWebsite(e.target.value)} />
              </div>
              {failure && (
                <p className="error" role="alert">
                  {failure.kind === 'tooMany'
                    ? t('feedback.tooMany', { minutes: Math.max(1, Math.ceil(failure.retryAfterSeconds / 60)) })
                    : failure.kind === 'offline'
                      ? t('feedback.offline')
                      : t('feedback.failed', { message: failure.message })}
                </p>
              )}
              <button type="submit" className="button button-primary" disabled={sending}>
                {sending ? t('feedback.sending') : t('feedback.submit')}
              </button>
            </form>
          </>
        )}
      </main>
    </>
  );
}
