import { useState, type FormEvent } from 'react';
import { useAsync, useStore } from '../../app/hooks.js';
import { navigate } from '../../app/router.js';
import { sessionStore } from '../../sync/session.js';
import { GOAL_FIELDS, messageOf, planRequest, type GoalSummary } from './plan-api.js';
import { formatValue, usePlanText } from './plan-messages.js';
import { WIRE_INDICATOR_KINDS } from '../../sync/enum-casing.js';
import { usePrivacyText } from '../privacy/privacy-messages.js';
import { useTemplateText } from '../templates/template-messages.js';
import { useWebhookText } from '../webhooks/webhook-messages.js';
import { useFeedbackText } from '../feedback/feedback-messages.js';
import { useUserText } from '../users/user-messages.js';
import { useSurveyText } from '../surveys/survey-messages.js';

const INDICATORS = WIRE_INDICATOR_KINDS;

interface Lessons {
  lessons: Array<{ goalId: string; goalText: string; period: string; lesson: { id: string; learned: string; changeNext: string } }>;
}

/** The quality wheel's start: the year's goals, links to act and report, and (for planners) a new goal written from last year's lessons. */
export function QualityScreen({ year }: { year: number }) {
  const { t, locale } = usePlanText();
  const templateText = useTemplateText().t;
  const privacyText = usePrivacyText().t;
  const webhookText = useWebhookText().t;
  const feedbackText = useFeedbackText().t;
  const userText = useUserText().t;
  const surveyText = useSurveyText().t;
  const session = useStore(sessionStore);
  const role = session.status === 'active' ? session.session.user.role : 'staff';
  const plans = role === 'quality_coordinator' || role === 'admin';
  const [version, setVersion] = useState(0);
  const goals = useAsync(
    () => planRequest<{ goals: GoalSummary[] }>(`query Goals($y: Int) { goals(year: $y) { ${GOAL_FIELDS} } }`, { y: year }),
    [year, version],
  );

  return (
    <section className="quality">
      <h1 tabIndex={-1}>{t('quality.title')}</h1>
      <label htmlFor="quality-year">{t('quality.year')}</label>
      <select id="quality-year" value={year} onChange={(e) => navigate({ name: 'quality', year: Number(e.target.value) })}>
        {[year - 2, year - 1, year, year + 1, year + 2].map((y) => (
          <option key={y} value={y}>
            {y}
          </option>
        ))}
      </select>
      <nav aria-label={t('quality.links')} className="button-row quality-links">
        <button type="button" className="button button-small" onClick={() => navigate({ name: 'overdue' })}>
          {t('quality.overdue')}
        </button>
        <button type="button" className="button button-small" onClick={() => navigate({ name: 'report', year })}>
          {t('quality.report')}
        </button>
        <button type="button" className="button button-small" onClick={() => navigate({ name: 'municipalComparison' })}>
          {t('quality.comparison')}
        </button>
        {plans && (
          <button type="button" className="button button-small" onClick={() => navigate({ name: 'templates' })}>
            {templateText('templates.title')}
          </button>
        )}
        {plans && (
          <button type="button" className="button button-small" onClick={() => navigate({ name: 'privacy' })}>
            {privacyText('privacy.title')}
          </button>
        )}
        <button type="button" className="button button-small" onClick={() => navigate({ name: 'feedbackCases' })}>
          {feedbackText('feedbackCases.title')}
        </button>
        <button type="button" className="button button-small" onClick={() => navigate({ name: 'routines' })}>
          {t('quality.routines')}
        </button>
        <button type="button" className="button button-small" onClick={() => navigate({ name: 'surveyImport' })}>
          {surveyText('survey.section')}
        </button>
        {role !== 'admin' && (
          <button type="button" className="button button-small" onClick={() => navigate({ name: 'deviations' })}>
            {t('quality.deviations')}
          </button>
        )}
        <button type="button" className="button button-small" onClick={() => navigate({ name: 'selfChecks' })}>
          {t('quality.selfChecks')}
        </button>
        {role === 'admin' && (
          <button type="button" className="button button-small" onClick={() => navigate({ name: 'webhooks' })}>
            {webhookText('webhooks.title')}
          </button>
        )}
        {role === 'admin' && (
          <button type="button" className="button button-small" onClick={() => navigate({ name: 'users' })}>
            {userText('users.title')}
          </button>
        )}
        {role === 'admin' && (
          <button type="button" className="button button-small" onClick={() => navigate({ name: 'roleMappings' })}>
            {userText('mappings.title')}
          </button>
        )}
      </nav>
      <h2>{t('quality.goals')}</h2>
      {goals.status === 'error' && <p className="error">{t('plan.error', { message: messageOf(goals.error) })}</p>}
      {goals.status === 'ready' && goals.value.goals.length === 0 && <p>{t('quality.noGoals')}</p>}
      {goals.status === 'ready' && goals.value.goals.length > 0 && (
        <ul className="list">
          {goals.value.goals.map((goal) => (
            <li key={goal.id} className="card">
              <a
                className="list-title"
                href={`/kvalitet/mal/${goal.id}`}
                onClick={(e) => {
                  e.preventDefault();
                  navigate({ name: 'goal', goalId: goal.id });
                }}
              >
                {goal.text}
              </a>
              <p className="list-meta">
                {goal.board} · {t(`indicator.${goal.targetIndicator}` as 'indicator.COVERAGE')} ·{' '}
                {t('goal.target.label', {
                  direction: t(`direction.${goal.targetDirection}`),
                  value: formatValue(goal.targetValue, goal.targetIndicator, locale),
                })}
              </p>
            </li>
          ))}
        </ul>
      )}
      {plans && <NewGoal year={year} onCreated={() => setVersion((v) => v + 1)} />}
    </section>
  );
}

function NewGoal({ year, onCreated }: { year: number; onCreated: () => void }) {
  const { t, locale } = usePlanText();
  const lessons = useAsync(
    () => planRequest<Lessons>(`query Lessons($y: Int!) { lessons(year: $y) { goalId goalText period lesson { id learned changeNext } } }`, { y: year - 1 }),
    [year],
  );
  const dimensions = useAsync(
    () => planRequest<{ qualityDimensions: Array<{ key: string; nameSv: string; nameEn: string }> }>(`{ qualityDimensions { key nameSv nameEn } }`),
    [],
  );
  const [form, setForm] = useState({
    board: 'Vård- och omsorgsnämnden',
    text: '',
    dimension: 'sakerhet',
    indicator: 'COVERAGE',
    direction: 'AT_LEAST',
    target: '100',
  });
  const [status, setStatus] = useState<{ kind: 'idle' | 'saving' | 'saved' } | { kind: 'error'; message: string }>({ kind: 'idle' });
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setStatus({ kind: 'saving' });
    const raw = Number(form.target.replace(',', '.'));
    const targetValue = form.indicator === 'MEDIAN_DAYS_TO_CLOSE' ? raw : raw / 100;
    try {
      await planRequest(`mutation CreateGoal($input: CreateGoalInput!) { createGoal(input: $input) { id } }`, {
        input: {
          board: form.board,
          year,
          text: form.text,
          qualityDimension: form.dimension,
          targetIndicator: form.indicator,
          targetDirection: form.direction,
          targetValue,
        },
      });
      setStatus({ kind: 'saved' });
      setForm({ ...form, text: '' });
      onCreated();
    } catch (error) {
      setStatus({ kind: 'error', message: messageOf(error) });
    }
  };

  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="new-goal-title">
      <h2 id="new-goal-title">{t('goal.new')}</h2>
      <section aria-labelledby="lessons-title" className="lessons">
        <h3 id="lessons-title">{t('goal.lessonsFrom', { year: year - 1 })}</h3>
        {lessons.status === 'ready' && lessons.value.lessons.length === 0 && <p>{t('goal.noLessons', { year: year - 1 })}</p>}
        {lessons.status === 'ready' && lessons.value.lessons.length > 0 && (
          <ul>
            {lessons.value.lessons.map(({ lesson, goalText, period }) => (
              <li key={lesson.id}>
                <strong>{goalText}</strong> ({period}): {lesson.learned} → {lesson.changeNext}
              </li>
            ))}
          </ul>
        )}
      </section>
      <label htmlFor="goal-board">{t('goal.board')}</label>
      <input id="goal-board" required value={form.board} onChange={set('board')} />
      <label htmlFor="goal-text">{t('goal.text')}</label>
      <textarea id="goal-text" required value={form.text} onChange={set('text')} />
      <label htmlFor="goal-dimension">{t('goal.dimension')}</label>
      <select id="goal-dimension" value={form.dimension} onChange={set('dimension')}>
        {dimensions.status === 'ready' &&
          dimensions.value.qualityDimensions.map((d) => (
            <option key={d.key} value={d.key}>
              {locale === 'sv' ? d.nameSv : d.nameEn}
            </option>
          ))}
      </select>
      <label htmlFor="goal-indicator">{t('goal.indicator')}</label>
      <select id="goal-indicator" value={form.indicator} onChange={set('indicator')}>
        {INDICATORS.map((i) => (
          <option key={i} value={i}>
            {t(`indicator.${i}`)}
          </option>
        ))}
      </select>
      <label htmlFor="goal-direction">{t('goal.direction')}</label>
      <select id="goal-direction" value={form.direction} onChange={set('direction')}>
        <option value="AT_LEAST">{t('direction.AT_LEAST')}</option>
        <option value="AT_MOST">{t('direction.AT_MOST')}</option>
      </select>
      <label htmlFor="goal-target">{t('goal.target')}</label>
      <input id="goal-target" inputMode="decimal" required value={form.target} onChange={set('target')} aria-describedby="goal-target-hint" />
      <p id="goal-target-hint" className="list-meta">
        {t('goal.targetHint')}
      </p>
      {status.kind === 'error' && (
        <p className="error" role="alert">
          {t('plan.error', { message: status.message })}
        </p>
      )}
      {status.kind === 'saved' && <p role="status">{t('goal.created')}</p>}
      <button type="submit" className="button button-primary" disabled={status.kind === 'saving'}>
        {status.kind === 'saving' ? t('plan.saving') : t('goal.create')}
      </button>
    </form>
  );
}
