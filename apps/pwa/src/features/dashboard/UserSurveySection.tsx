import { useMemo } from 'react';
import { surveyChange } from '@hjulet/domain';
import { useStore } from '../../app/hooks.js';
import { navigate } from '../../app/router.js';
import { sessionStore } from '../../sync/session.js';
import { formatChange, formatShare, useSurveyText } from '../surveys/survey-messages.js';
import { documentNode } from './apollo.js';
import { UserSurveyResultsDocument } from './user-survey-operations.js';
import { useIndicatorView } from './use-indicator-view.js';
import { TableScroll } from '../../app/TableScroll.js';

const RESULTS = documentNode(UserSurveyResultsDocument);

/*
 * "Brukarundersökning / User survey" beside the indicators: the chosen year's results in the scope, the year
 * before where the same survey had them, and the change. A table rather than a chart: the national survey's
 * questions are whole sentences, which a chart's axis cannot carry. Hidden results stay hidden, unchanged.
 */
export function UserSurveySection({ period, unitId }: { period: string; unitId: string }) {
  const { t, locale } = useSurveyText();
  const session = useStore(sessionStore);
  const userId = session.status === 'active' ? session.session.user.id : '';
  const year = Number(period.slice(0, 4));
  const variables = useMemo(() => ({ year, unitId: unitId || null }), [year, unitId]);
  const state = useIndicatorView(userId, 'userSurvey', RESULTS, variables);
  const results = state.status === 'ready' ? state.data.userSurveyResults : [];
  const surveys = [...new Map(results.map((r) => [r.surveyId, { id: r.surveyId, name: r.surveyName, source: r.source }])).values()];
  const questionsOf = (surveyId: string) => [...new Set(results.filter((r) => r.surveyId === surveyId).map((r) => r.question))];
  const shown = (share: number | null, suppressed: boolean) => (suppressed || share === null ? t('survey.hiddenShort') : formatShare(share, locale));

  return (
    <section className="card wide" aria-labelledby="survey-heading" data-section="user-survey">
      <h2 id="survey-heading">{t('survey.section')}</h2>
      <p>{t('survey.sectionIntro', { year })}</p>
      {state.status === 'error' && <p className="error">{t('survey.error', { message: state.message })}</p>}
      {state.status === 'ready' && results.length === 0 && <p>{t('survey.none', { year })}</p>}
      {surveys.map((survey) => (
        <TableScroll key={survey.id} label={`${survey.name} · ${t(`survey.source.${survey.source}`)} · ${year}`}>
          <table data-table="user-survey">
            <caption>
              {survey.name} · {t(`survey.source.${survey.source}`)} · {year}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('survey.unit')}</th>
                <th scope="col">{year}</th>
                <th scope="col">{year - 1}</th>
                <th scope="col">{t('survey.change')}</th>
                <th scope="col">{t('survey.respondents')}</th>
              </tr>
            </thead>
            {questionsOf(survey.id).map((question) => (
              // One group per question, its text once above its units: the national questions are whole sentences.
              <tbody key={question}>
                <tr>
                  <th scope="rowgroup" colSpan={5}>
                    {question}
                  </th>
                </tr>
                {results
                  .filter((r) => r.surveyId === survey.id && r.question === question)
                  .map((r) => {
                    const change = surveyChange(r, r.previous ?? null);
                    return (
                      <tr key={r.unitId} data-unit={r.unitName}>
                        <th scope="row">{r.unitName}</th>
                        <td data-value>{shown(r.sharePositive ?? null, r.suppressed)}</td>
                        <td>{r.previous ? shown(r.previous.sharePositive ?? null, r.previous.suppressed) : '–'}</td>
                        <td>
                          {change === null ? (
                            '–'
                          ) : (
                            <span aria-label={t('survey.changeValue', { value: formatChange(change, locale) })}>{formatChange(change, locale)}</span>
                          )}
                        </td>
                        <td>{r.respondents ?? t('survey.hiddenShort')}</td>
                      </tr>
                    );
                  })}
              </tbody>
            ))}
          </table>
        </TableScroll>
      ))}
      <p className="button-row">
        <button type="button" className="button" onClick={() => navigate({ name: 'surveyImport' })}>
          {t('survey.import')}
        </button>
      </p>
    </section>
  );
}
