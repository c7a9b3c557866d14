import { TableScroll } from '../../app/TableScroll.js';
import { useSelfCheckText } from '../self-checks/self-check-messages.js';

export interface ReportSelfCheckRow {
  unitName: string;
  templateTitle: { sv: string; en: string };
  processName: string | null;
  planned: number;
  done: number;
  findings: number;
  findingsWithAction: number;
  actionsDone: number;
}

export const REPORT_SELF_CHECK_FIELDS = `selfChecks { unitName templateTitle { sv en } processName planned done findings findingsWithAction actionsDone }`;

/** The kvalitetsberättelse's self-check section: each plan's year, checks planned against done, and what was found and done. */
export function ReportSelfChecks({ rows }: { rows: ReportSelfCheckRow[] }) {
  const { t, locale } = useSelfCheckText();
  return (
    <section aria-labelledby="report-self-checks">
      <h2 id="report-self-checks">{t('selfChecks.report.title')}</h2>
      {rows.length === 0 ? (
        <p>{t('selfChecks.report.none')}</p>
      ) : (
        <TableScroll label={t('selfChecks.report.title')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('selfChecks.report.plan')}</th>
                <th scope="col">{t('selfChecks.report.planned')}</th>
                <th scope="col">{t('selfChecks.report.done')}</th>
                <th scope="col">{t('selfChecks.report.findings')}</th>
                <th scope="col">{t('selfChecks.report.withAction')}</th>
                <th scope="col">{t('selfChecks.report.actionsDone')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => (
                <tr key={i}>
                  <th scope="row">{[row.templateTitle[locale], row.unitName, row.processName].filter(Boolean).join(' · ')}</th>
                  <td>{row.planned}</td>
                  <td>{row.done}</td>
                  <td>{row.findings}</td>
                  <td>{row.findingsWithAction}</td>
                  <td>{row.actionsDone}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
