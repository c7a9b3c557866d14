import { useAsync } from '../../app/hooks.js';
import { TableScroll } from '../../app/TableScroll.js';
import { messageOf, planRequest } from '../plan/plan-api.js';
import { formatValue, usePlanText } from '../plan/plan-messages.js';
import { REPORT_RECORD_FIELDS, ReportRecordSections, type ReportRecordData } from './ReportRecordSections.js';
import { REPORT_SELF_CHECK_FIELDS, ReportSelfChecks, type ReportSelfCheckRow } from './ReportSelfChecks.js';

export interface QualityReportData extends ReportRecordData {
  year: number;
  units: string[];
  coverage: number | null;
  goals: Array<{
    id: string;
    text: string;
    targetIndicator: string;
    targetDirection: 'AT_LEAST' | 'AT_MOST';
    targetValue: number;
    followUps: Array<{ id: string; period: string; unitId: string | null; value: number | null; met: boolean | null }>;
  }>;
  risks: Array<{ category: string; found: number; withAction: number; actionsDone: number }>;
  effects: { gone: number; stillThere: number; new: number; resolvedShare: number | null };
  events: Array<{ kind: string; count: number }>;
  openRiskActions: number;
  overdueRiskActions: number;
  openImprovementActions: Array<{ id: string; what: string; dueDate: string }>;
  lessons: Array<{ goalText: string; period: string; lesson: { id: string; learned: string; changeNext: string } }>;
  selfChecks: ReportSelfCheckRow[];
}

export const REPORT_QUERY = `query QualityReport($y: Int!) { qualityReport(year: $y) {
  year units coverage
  goals { id text targetIndicator targetDirection targetValue followUps { id period unitId value met } }
  risks { category found withAction actionsDone }
  effects { gone stillThere new resolvedShare }
  events { kind count }
  openRiskActions overdueRiskActions
  openImprovementActions { id what dueDate }
  lessons { goalText period lesson { id learned changeNext } }
  ${REPORT_RECORD_FIELDS}
  ${REPORT_SELF_CHECK_FIELDS}
} }`;

/** The kvalitetsberättelse as a print-ready page: the browser's print (or PDF) gives the board its copy. */
export function ReportScreen({ year }: { year: number }) {
  const { t, locale } = usePlanText();
  const data = useAsync(() => planRequest<{ qualityReport: QualityReportData }>(REPORT_QUERY, { y: year }), [year]);
  if (data.status === 'loading') return <p className="loading">…</p>;
  if (data.status === 'error') return <p className="error">{t('plan.error', { message: messageOf(data.error) })}</p>;
  const r = data.value.qualityReport;
  const pct = (v: number | null) => formatValue(v, 'COVERAGE', locale);
  return (
    <article className="report">
      <h1 tabIndex={-1}>{t('report.title', { year: r.year })}</h1>
      <p>{t('report.scope', { units: r.units.join(', ') })}</p>
      <button type="button" className="button button-small no-print" onClick={() => window.print()}>
        {t('report.print')}
      </button>
      <p className="report-coverage">{t('report.coverage', { year: r.year, value: pct(r.coverage) })}</p>

      <h2>{t('report.goals')}</h2>
      {r.goals.length === 0 ? (
        <p>{t('report.none')}</p>
      ) : (
        <TableScroll label={t('report.goals')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('report.goal')}</th>
                <th scope="col">{t('report.target')}</th>
                <th scope="col">{t('report.result')}</th>
              </tr>
            </thead>
            <tbody>
              {r.goals.map((g) => (
                <tr key={g.id}>
                  <th scope="row">{g.text}</th>
                  <td>
                    {t(`direction.${g.targetDirection}`)} {formatValue(g.targetValue, g.targetIndicator, locale)}
                  </td>
                  <td>
                    {g.followUps.length === 0
                      ? '–'
                      : g.followUps.map((f) => (
                          <span key={f.id} className="report-result">
                            {f.period}: {formatValue(f.value, g.targetIndicator, locale)} (
                            {f.met === null ? t('followUp.noValue') : f.met ? t('followUp.met') : t('followUp.notMet')}){' '}
                          </span>
                        ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}

      <h2>{t('report.risks')}</h2>
      {r.risks.length === 0 ? (
        <p>{t('report.none')}</p>
      ) : (
        <TableScroll label={t('report.risks')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('report.category')}</th>
                <th scope="col">{t('report.found')}</th>
                <th scope="col">{t('report.withAction')}</th>
                <th scope="col">{t('report.actionsDone')}</th>
              </tr>
            </thead>
            <tbody>
              {r.risks.map((row) => (
                <tr key={row.category}>
                  <th scope="row">{row.category}</th>
                  <td>{row.found}</td>
                  <td>{row.withAction}</td>
                  <td>{row.actionsDone}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}

      <h2>{t('report.effects')}</h2>
      <TableScroll label={t('report.effects')}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('report.gone')}</th>
              <th scope="col">{t('report.stillThere')}</th>
              <th scope="col">{t('report.new')}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>{r.effects.gone}</td>
              <td>{r.effects.stillThere}</td>
              <td>{r.effects.new}</td>
            </tr>
          </tbody>
        </table>
      </TableScroll>
      <p>{t('report.resolved', { value: pct(r.effects.resolvedShare) })}</p>
      <h3>{t('report.events')}</h3>
      {r.events.length === 0 ? (
        <p>{t('event.none')}</p>
      ) : (
        <ul>
          {r.events.map((e) => (
            <li key={e.kind}>
              {t(`event.kind.${e.kind.toUpperCase()}` as 'event.kind.FALL')}: {e.count}
            </li>
          ))}
        </ul>
      )}

      <ReportRecordSections report={r} />

      <h2>{t('report.open')}</h2>
      <p>{t('report.openRisk', { open: r.openRiskActions, overdue: r.overdueRiskActions })}</p>
      {r.openImprovementActions.length > 0 && (
        <>
          <h3>{t('report.openImprovement')}</h3>
          <ul>
            {r.openImprovementActions.map((a) => (
              <li key={a.id}>
                {a.what} ({a.dueDate})
              </li>
            ))}
          </ul>
        </>
      )}

      <ReportSelfChecks rows={r.selfChecks} />

      <h2>{t('report.lessons')}</h2>
      {r.lessons.length === 0 ? (
        <p>{t('report.none')}</p>
      ) : (
        <ul>
          {r.lessons.map(({ lesson, goalText, period }) => (
            <li key={lesson.id}>
              <strong>{goalText}</strong> ({period}): {lesson.learned} → {lesson.changeNext}
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
