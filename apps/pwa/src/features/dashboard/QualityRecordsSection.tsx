import { useMemo } from 'react';
import { documentNode } from './apollo.js';
import { Chart, type ChartDatum } from './Chart.js';
import { QualityRecordsDocument } from './quality-record.operations.js';
import { useQualityRecordText, type QualityRecordKey } from './quality-record-messages.js';
import { monthlyReceived, shownCount, yearCell } from './quality-record-view.js';
import { useIndicatorView } from './use-indicator-view.js';
import { ViewStatus } from './ViewStatus.js';
import { TableScroll } from '../../app/TableScroll.js';

const QUALITY_RECORDS = documentNode(QualityRecordsDocument);

interface Props {
  userId: string;
  /** The dashboard's period filter: its year is the one compiled. */
  period: string;
  unitId: string;
}

/**
 * The dashboard's section on deviations and complaints: received per month (chart and table) and the year's
 * table by category and unit for each source. Suppressed counts show as "–", explained under the heading.
 */
export function QualityRecordsSection({ userId, period, unitId }: Props) {
  const { t, locale } = useQualityRecordText();
  const year = Number(period.slice(0, 4));
  const variables = useMemo(() => ({ year, unitId: unitId || null }), [year, unitId]);
  const state = useIndicatorView(userId, 'quality-records', QUALITY_RECORDS, variables);
  const stats = state.status === 'ready' ? state.data.qualityRecordStatistics : null;
  const sourceName = (source: string) => t(`records.source.${source}` as QualityRecordKey);
  const categoryName = (category: string) => t(`records.category.${category}` as QualityRecordKey);
  const trends = (stats?.sources ?? []).map((s) => ({ source: s.source, months: monthlyReceived(s.rows, year) }));
  const months = trends[0]?.months.map((m) => m.month) ?? [];
  const trendData: ChartDatum[] = trends.flatMap(({ source, months: series }) =>
    series
      .filter((m) => !m.received.suppressed)
      .map((m) => ({ x: m.month, group: sourceName(source), y: m.received.count ?? 0, label: shownCount(m.received, locale) })),
  );

  return (
    <section className="card wide" aria-labelledby="records-heading" data-section="quality-records">
      <h2 id="records-heading">{t('records.title')}</h2>
      {state.status !== 'ready' && <ViewStatus state={state} />}
      {stats && (
        <>
          <p>{t('records.intro', { year })}</p>
          <p className="list-meta" data-suppression-note>
            {t('records.suppressed', { below: stats.threshold - 1 })}
          </p>
          <h3>{t('records.trend')}</h3>
          <Chart name="records-trend" data={trendData} kind="line" />
          <TableScroll label={t('records.trendTable')}>
            <table data-table="records-trend">
              <caption>{t('records.trendTable')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('records.month')}</th>
                  {trends.map((s) => (
                    <th scope="col" key={s.source}>
                      {sourceName(s.source)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {months.map((month, i) => (
                  <tr key={month}>
                    <th scope="row">{month}</th>
                    {trends.map((s) => (
                      <td key={s.source} data-value>
                        {shownCount(s.months[i]?.received, locale)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          {stats.sources.map((s) => (
            <TableScroll key={s.source} label={t('records.byCategoryAndUnit', { source: sourceName(s.source), year })}>
              <table data-table={`records-${s.source.toLowerCase()}`}>
                <caption>{t('records.byCategoryAndUnit', { source: sourceName(s.source), year })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('records.category')}</th>
                    {stats.units.map((u) => (
                      <th scope="col" key={u.id}>
                        {u.name}
                      </th>
                    ))}
                    <th scope="col">{t('records.total')}</th>
                  </tr>
                </thead>
                <tbody>
                  {[...s.categories, null].map((category) => (
                    <tr key={category ?? 'all'}>
                      <th scope="row">{category === null ? t('records.total') : categoryName(category)}</th>
                      {[...stats.units.map((u) => u.id), null].map((unit) => (
                        <td key={unit ?? 'all'} data-value>
                          {shownCount(yearCell(s.rows, year, category, unit), locale)}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          ))}
        </>
      )}
    </section>
  );
}
