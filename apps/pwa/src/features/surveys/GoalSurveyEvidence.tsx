import { useState } from 'react';
import { useAsync } from '../../app/hooks.js';
import { messageOf, planRequest } from '../plan/plan-api.js';
import { formatShare, useSurveyText } from './survey-messages.js';

/*
 * A goal's user-survey evidence on its page: each cited question with its results for the goal's units in the
 * reader's scope (hidden where fewer than 5 answered, as the API answers them), and for the goal's writers a
 * choice of the year's survey questions to cite.
 */

interface Shown {
  sharePositive: number | null;
  suppressed: boolean;
}
interface Evidence {
  surveyId: string;
  surveyName: string;
  year: number;
  question: string;
  results: Array<Shown & { unitName: string; respondents: number | null; previous: Shown | null }>;
}

const EVIDENCE = `query($id: UUID!) { goal(id: $id) { surveyEvidence { surveyId surveyName year question
  results { unitName sharePositive respondents suppressed previous { sharePositive suppressed } } } } }`;
const QUESTIONS = `query($y: Int!) { userSurveyResults(year: $y) { surveyId surveyName question } }`;
const CITE = `mutation($g: UUID!, $s: UUID!, $q: String!) { citeSurveyInGoal(goalId: $g, surveyId: $s, question: $q) { question } }`;
const REMOVE = `mutation($g: UUID!, $s: UUID!, $q: String!) { removeSurveyEvidence(goalId: $g, surveyId: $s, question: $q) }`;

export function GoalSurveyEvidence({ goalId, year, canCite }: { goalId: string; year: number; canCite: boolean }) {
  const { t, locale } = useSurveyText();
  const [version, setVersion] = useState(0);
  const [choice, setChoice] = useState('');
  const [error, setError] = useState<string | null>(null);
  const data = useAsync(
    () =>
      Promise.all([
        planRequest<{ goal: { surveyEvidence: Evidence[] } }>(EVIDENCE, { id: goalId }),
        canCite ? planRequest<{ userSurveyResults: Array<{ surveyId: string; surveyName: string; question: string }> }>(QUESTIONS, { y: year }) : null,
      ]),
    [goalId, year, canCite, version],
  );
  const send = async (document: string, surveyId: string, question: string) => {
    setError(null);
    try {
      await planRequest(document, { g: goalId, s: surveyId, q: question });
      setChoice('');
      setVersion((v) => v + 1);
    } catch (failure) {
      setError(messageOf(failure));
    }
  };
  if (data.status !== 'ready') return data.status === 'error' ? <p className="error">{t('survey.error', { message: messageOf(data.error) })}</p> : null;
  const [{ goal }, questions] = data.value;
  const shown = (r: Shown) => (r.suppressed || r.sharePositive === null ? t('survey.hiddenShort') : formatShare(r.sharePositive, locale));
  const offered = [...new Map((questions?.userSurveyResults ?? []).map((q) => [`${q.surveyId}\n${q.question}`, q])).values()].filter(
    (q) => !goal.surveyEvidence.some((e) => e.surveyId === q.surveyId && e.question === q.question),
  );

  return (
    <section aria-labelledby="goal-survey-heading" data-section="goal-survey">
      <h2 id="goal-survey-heading">{t('evidence.title')}</h2>
      {goal.surveyEvidence.length === 0 && <p>{t('evidence.none')}</p>}
      {goal.surveyEvidence.map((e) => (
        <table key={`${e.surveyId}-${e.question}`} data-table="goal-survey">
          <caption>
            {e.question} · {e.surveyName} {e.year}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('survey.unit')}</th>
              <th scope="col">{e.year}</th>
              <th scope="col">{e.year - 1}</th>
              <th scope="col">{t('survey.respondents')}</th>
            </tr>
          </thead>
          <tbody>
            {e.results.map((r) => (
              <tr key={r.unitName}>
                <th scope="row">{r.unitName}</th>
                <td>{shown(r)}</td>
                <td>{r.previous ? shown(r.previous) : '–'}</td>
                <td>{r.respondents ?? t('survey.hiddenShort')}</td>
              </tr>
            ))}
          </tbody>
          {canCite && (
            <tfoot>
              <tr>
                <td colSpan={4}>
                  <button type="button" className="button button-small" onClick={() => void send(REMOVE, e.surveyId, e.question)}>
                    {t('evidence.remove')}
                  </button>
                </td>
              </tr>
            </tfoot>
          )}
        </table>
      ))}
      {canCite && offered.length === 0 && <p>{t('evidence.noQuestions', { year })}</p>}
      {canCite && offered.length > 0 && (
        <form
          className="card"
          onSubmit={(e) => {
            e.preventDefault();
            const [surveyId, question] = choice.split('\n');
            if (surveyId && question) void send(CITE, surveyId, question);
          }}
        >
          <label htmlFor="goal-survey-question">{t('evidence.question', { year })}</label>
          <select id="goal-survey-question" value={choice} onChange={(e) => setChoice(e.target.value)} required>
            <option value="">–</option>
            {offered.map((q) => (
              <option key={`${q.surveyId}\n${q.question}`} value={`${q.surveyId}\n${q.question}`}>
                {q.question} ({q.surveyName})
              </option>
            ))}
          </select>
          <button type="submit" className="button">
            {t('evidence.add')}
          </button>
        </form>
      )}
      {error && (
        <p className="error" role="alert">
          {t('survey.error', { message: error })}
        </p>
      )}
    </section>
  );
}
