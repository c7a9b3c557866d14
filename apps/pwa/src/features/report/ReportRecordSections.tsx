import { DEFAULT_THRESHOLD } from '@hjulet/domain';
import { TableScroll } from '../../app/TableScroll.js';
import { useQualityRecordText, type QualityRecordKey } from '../dashboard/quality-record-messages.js';
import { shownCount, type ShownCount } from '../dashboard/quality-record-view.js';

/*
 * The kvalitetsberättelse's sections on deviations and on complaints and feedback (docs/quality-records.md):
 * counts as the API published them, "–" where suppressed. Its fields are asked for in the report's query.
 */

interface RecordRow {
  category: string | null;
  received: ShownCount;
  investigated: ShownCount;
  closed: ShownCount;
  closedInTime: ShownCount;
  withActions: ShownCount | null;
  medianDaysToClose: number | null;
}

export interface ReportRecordData {
  deviationSummary: {
    byCategory: RecordRow[];
    total: RecordRow;
    lexSarahReports: ShownCount;
    ivoNotifications: ShownCount;
    causes: Array<{ cause: string; count: ShownCount }>;
    actionsDecided: ShownCount;
    actionsDone: ShownCount;
  };
  feedbackSummary: { byKind: RecordRow[]; total: RecordRow };
}

const COUNT = '{ count suppressed }';
const ROW = `{ category received ${COUNT} investigated ${COUNT} closed ${COUNT} closedInTime ${COUNT} withActions ${COUNT} medianDaysToClose }`;

/** The report query's selection for these sections. */
export const REPORT_RECORD_FIELDS = `deviationSummary { byCategory ${ROW} total ${ROW} lexSarahReports ${COUNT} ivoNotifications ${COUNT}
    causes { cause count ${COUNT} } actionsDecided ${COUNT} actionsDone ${COUNT} }
  feedbackSummary { byKind ${ROW} total ${ROW} }`;

function RecordTable({
  rows,
  total,
  answered,
  dataTable,
  label,
}: {
  rows: RecordRow[];
  total: RecordRow;
  answered: boolean;
  dataTable: string;
  label: string;
}) {
  const { t, locale } = useQualityRecordText();
  const n = (c: ShownCount | null | undefined) => shownCount(c, locale);
  const withActions = rows.some((r) => r.withActions !== null);
  return (
    <TableScroll label={label}>
      <table data-table={dataTable}>
        <thead>
          <tr>
            <th scope="col">{t('records.category')}</th>
            <th scope="col">{t('records.received')}</th>
            {!answered && <th scope="col">{t('records.investigated')}</th>}
            <th scope="col">{t(answered ? 'records.answered' : 'records.closed')}</th>
            <th scope="col">{t(answered ? 'records.answeredInTime' : 'records.closedInTime')}</th>
            {withActions && <th scope="col">{t('records.withActions')}</th>}
            <th scope="col">{t('records.medianDays')}</th>
          </tr>
        </thead>
        <tbody>
          {[...rows, total].map((r) => (
            <tr key={r.category ?? 'all'}>
              <th scope="row">{r.category === null ? t('records.total') : t(`records.category.${r.category}` as QualityRecordKey)}</th>
              <td data-value>{n(r.received)}</td>
              {!answered && <td>{n(r.investigated)}</td>}
              <td>{n(r.closed)}</td>
              <td>{n(r.closedInTime)}</td>
              {withActions && <td>{n(r.withActions)}</td>}
              <td>{r.medianDaysToClose === null ? '–' : r.medianDaysToClose.toLocaleString(locale === 'sv' ? 'sv-SE' : 'en-GB')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export function ReportRecordSections({ report }: { report: ReportRecordData }) {
  const { t, locale } = useQualityRecordText();
  const n = (c: ShownCount) => shownCount(c, locale);
  const d = report.deviationSummary;
  return (
    <section data-section="report-records">
      <h2>{t('records.report.deviations')}</h2>
      <p className="list-meta">{t('records.suppressed', { below: DEFAULT_THRESHOLD - 1 })}</p>
      <h3>{t('records.report.reported')}</h3>
      <RecordTable
        rows={d.byCategory}
        total={d.total}
        answered={false}
        dataTable="report-deviations"
        label={`${t('records.source.DEVIATION')} · ${t('records.report.reported')}`}
      />
      <p data-lex-sarah>{t('records.report.lexSarah', { count: n(d.lexSarahReports), ivo: n(d.ivoNotifications) })}</p>
      <h3>{t('records.report.found')}</h3>
      {d.causes.length === 0 ? (
        <p>{t('records.report.none')}</p>
      ) : (
        <TableScroll label={`${t('records.source.DEVIATION')} · ${t('records.report.found')}`}>
          <table data-table="report-causes">
            <thead>
              <tr>
                <th scope="col">{t('records.report.cause')}</th>
                <th scope="col">{t('records.report.count')}</th>
              </tr>
            </thead>
            <tbody>
              {d.causes.map((c) => (
                <tr key={c.cause}>
                  <th scope="row">{t(`records.cause.${c.cause}` as QualityRecordKey)}</th>
                  <td>{n(c.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <p>{t('records.report.changed', { decided: n(d.actionsDecided), done: n(d.actionsDone) })}</p>
      <h2>{t('records.report.feedback')}</h2>
      <h3>{t('records.report.byKind')}</h3>
      <RecordTable
        rows={report.feedbackSummary.byKind}
        total={report.feedbackSummary.total}
        answered
        dataTable="report-feedback"
        label={`${t('records.source.FEEDBACK')} · ${t('records.report.byKind')}`}
      />
    </section>
  );
}
