import { useMemo, useState } from 'react';
import { useStore } from '../../app/hooks.js';
import { useI18n } from '../../i18n/i18n.js';
import type { MessageKey } from '../../i18n/messages.sv.js';
import { sessionStore } from '../../sync/session.js';
import { DashboardDocument } from './operations.js';
import { documentNode } from './apollo.js';
import { Chart, type ChartDatum } from './Chart.js';
import { Filters, type FilterState } from './Filters.js';
import { countsOf, formatValue, lastMonths, type IndicatorRowView } from './indicator-format.js';
import { downloadCsv, indicatorCsv } from './indicator-csv.js';
import { useIndicatorView } from './use-indicator-view.js';
import { ViewStatus } from './ViewStatus.js';
import { QualityRecordsSection } from './QualityRecordsSection.js';
import { UserSurveySection } from './UserSurveySection.js';
import { TableScroll } from '../../app/TableScroll.js';

const DASHBOARD = documentNode(DashboardDocument);

export function useCsvLabels() {
  const { t } = useI18n();
  return {
    headers: [
      t('dashboard.period'),
      t('dashboard.indicator'),
      t('dashboard.category'),
      t('dashboard.unit'),
      t('dashboard.area'),
      t('dashboard.numerator'),
      t('dashboard.denominator'),
      t('dashboard.value'),
    ] as [string, string, string, string, string, string, string, string],
    indicator: (kind: string) => t(`indicator.${kind}` as MessageKey),
  };
}

/** The work list's first page, and the most one request gives (the API's `first`, 1 to 1000). */
const WORK_LIST_FIRST_PAGE = 100;
const WORK_LIST_MOST = 1000;

/** The supervisors' dashboard for their scope: coverage against target, risks, actions, trend and the work list. */
export function DashboardScreen() {
  const { t, locale } = useI18n();
  const session = useStore(sessionStore);
  const user = session.status === 'active' ? session.session.user : null;
  const [filter, setFilter] = useState<FilterState>({ period: String(new Date().getFullYear()), unitId: '', areaId: '' });
  const [target, setTarget] = useState(100);
  // The work list's first page; "show more" asks for the most the API gives (each person shown is an audited read).
  const [workListSize, setWorkListSize] = useState(WORK_LIST_FIRST_PAGE);
  const csvLabels = useCsvLabels();

  const variables = useMemo(() => {
    const scope = { unitIds: filter.unitId ? [filter.unitId] : null, areaIds: filter.areaId ? [filter.areaId] : null };
    return {
      period: { from: filter.period },
      trend: { ...lastMonths(new Date(), 12), grain: 'MONTH' as const },
      filter: scope,
      riskFilter: { ...scope, indicators: ['RISK_PREVALENCE' as const] },
      trendFilter: { ...scope, indicators: ['COVERAGE' as const, 'RISK_PREVALENCE' as const] },
      workPeriod: filter.period,
      workListSize,
      withWorkList: user?.role !== 'admin',
    };
  }, [filter, user?.role, workListSize]);
  const state = useIndicatorView(user?.id ?? '', 'dashboard', DASHBOARD, variables);
  const data = state.status === 'ready' ? state.data : null;
  const fmt = (row: IndicatorRowView) => formatValue(row.indicator, row.value, locale);

  const coverage = data?.totals.find((r) => r.indicator === 'COVERAGE') ?? null;
  const coverageByUnit: ChartDatum[] = (data?.coverageByUnit ?? [])
    .filter((r) => r.indicator === 'COVERAGE')
    .map((r) => ({ x: r.unitName ?? '', y: r.value ?? 0, label: fmt(r) }));
  const risks = (data?.risksByArea ?? []).filter((r) => r.category !== null);
  const categories = [...new Set(risks.map((r) => r.category as string))].sort();
  const areaNames = [...new Set(risks.map((r) => r.areaName ?? ''))].sort();
  const riskData: ChartDatum[] = risks.map((r) => ({ x: r.category as string, group: r.areaName ?? '', y: r.value ?? 0, label: fmt(r) }));
  const trendRows = (data?.trend ?? []).filter((r) => r.category === null);
  const months = [...new Set(trendRows.map((r) => r.period))].sort();
  const seriesName = (kind: string) => t(kind === 'COVERAGE' ? 'dashboard.series.coverage' : 'dashboard.series.risk');
  const trendData: ChartDatum[] = trendRows.map((r) => ({ x: r.period, group: seriesName(r.indicator), y: r.value ?? 0, label: fmt(r) }));
  const backlog = data?.actionBacklog[0] ?? { open: 0, overdue: 0 };

  return (
    <section className="dashboard">
      <h1 tabIndex={-1}>{t('dashboard.title')}</h1>
      <Filters value={filter} onChange={setFilter} units={data?.indicatorScope.units ?? []} areas={data?.indicatorScope.areas ?? []} />
      <ViewStatus state={state} asOf={data?.readFreshness.asOf} />
      {data && (
        <div className="dashboard-grid">
          <section className="card" aria-labelledby="coverage-heading">
            <h2 id="coverage-heading">{t('dashboard.coverage')}</h2>
            {coverage && (
              <p className="big-number" data-coverage={coverage.value ?? ''}>
                {t('dashboard.coverageSummary', { value: fmt(coverage), counts: countsOf(coverage), target: `${target} %` })}
              </p>
            )}
            <label className="inline-field">
              {t('dashboard.target')}
              <input type="number" min={0} max={100} value={target} onChange={(e) => setTarget(Math.min(100, Math.max(0, Number(e.target.value) || 0)))} />
            </label>
            <Chart name="coverage" data={coverageByUnit} percent target={target / 100} />
            <TableScroll label={t('dashboard.tableOf', { title: t('dashboard.coverage') })}>
              <table data-table="coverage">
                <caption>{t('dashboard.tableOf', { title: t('dashboard.coverage') })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('dashboard.unit')}</th>
                    <th scope="col">{t('dashboard.value')}</th>
                    <th scope="col">{t('dashboard.counts')}</th>
                  </tr>
                </thead>
                <tbody>
                  {(data.coverageByUnit ?? [])
                    .filter((r) => r.indicator === 'COVERAGE')
                    .map((r) => (
                      <tr key={r.unitId ?? ''}>
                        <th scope="row">{r.unitName}</th>
                        <td data-value>{fmt(r)}</td>
                        <td>{countsOf(r)}</td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </TableScroll>
          </section>

          <section className="card" aria-labelledby="risks-heading">
            <h2 id="risks-heading">{t('dashboard.risks')}</h2>
            <Chart name="risks" data={riskData} percent kind="grouped" />
            <TableScroll label={t('dashboard.tableOf', { title: t('dashboard.risks') })}>
              <table data-table="risks">
                <caption>{t('dashboard.tableOf', { title: t('dashboard.risks') })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('dashboard.category')}</th>
                    {areaNames.map((a) => (
                      <th scope="col" key={a}>
                        {a}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {categories.map((c) => (
                    <tr key={c}>
                      <th scope="row">{c}</th>
                      {areaNames.map((a) => {
                        const row = risks.find((r) => r.category === c && (r.areaName ?? '') === a);
                        return (
                          <td key={a} data-value>
                            {row ? fmt(row) : '–'}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </section>

          <section className="card" aria-labelledby="actions-heading">
            <h2 id="actions-heading">{t('dashboard.actions')}</h2>
            <dl className="stat-row">
              <div>
                <dt>{t('dashboard.open')}</dt>
                <dd data-stat="open">{backlog.open}</dd>
              </div>
              <div>
                <dt>{t('dashboard.overdue')}</dt>
                <dd data-stat="overdue">{backlog.overdue}</dd>
              </div>
            </dl>
          </section>

          <section className="card wide" aria-labelledby="trend-heading">
            <h2 id="trend-heading">{t('dashboard.trend')}</h2>
            <Chart name="trend" data={trendData} percent kind="line" />
            <TableScroll label={t('dashboard.tableOf', { title: t('dashboard.trend') })}>
              <table data-table="trend">
                <caption>{t('dashboard.tableOf', { title: t('dashboard.trend') })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('dashboard.month')}</th>
                    <th scope="col">{t('dashboard.series.coverage')}</th>
                    <th scope="col">{t('dashboard.series.risk')}</th>
                  </tr>
                </thead>
                <tbody>
                  {months.map((m) => {
                    const cell = (kind: string) => {
                      const row = trendRows.find((r) => r.period === m && r.indicator === kind);
                      return row ? fmt(row) : '–';
                    };
                    return (
                      <tr key={m}>
                        <th scope="row">{m}</th>
                        <td data-value>{cell('COVERAGE')}</td>
                        <td data-value>{cell('RISK_PREVALENCE')}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </TableScroll>
          </section>

          {data.coverageWorkList && (
            <section className="card wide" aria-labelledby="worklist-heading">
              <h2 id="worklist-heading">{t('dashboard.workList', { period: filter.period })}</h2>
              {data.coverageWorkList.length === 0 ? (
                <p>{t('dashboard.workListEmpty')}</p>
              ) : (
                <TableScroll label={t('dashboard.workList', { period: filter.period })}>
                  <table data-table="worklist">
                    <thead>
                      <tr>
                        <th scope="col">{t('dashboard.reference')}</th>
                        <th scope="col">{t('dashboard.unit')}</th>
                        <th scope="col">{t('dashboard.area')}</th>
                        <th scope="col">{t('dashboard.lastOffered')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.coverageWorkList.map((e) => (
                        <tr key={e.recipient.id}>
                          <th scope="row">{e.recipient.reference}</th>
                          <td>{e.unitName}</td>
                          <td>{e.areaName}</td>
                          <td data-date>{e.lastOfferedAt ? e.lastOfferedAt.slice(0, 10) : t('dashboard.never')}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableScroll>
              )}
              {data.coverageWorkList.length === workListSize && workListSize < WORK_LIST_MOST && (
                <p className="button-row">
                  <span>
                    {coverage?.denominator != null && coverage.numerator != null
                      ? t('dashboard.workListShown', { shown: workListSize, total: coverage.denominator - coverage.numerator })
                      : t('dashboard.workListFirst', { shown: workListSize })}
                  </span>
                  <button type="button" className="button" onClick={() => setWorkListSize(WORK_LIST_MOST)}>
                    {t('dashboard.workListMore')}
                  </button>
                </p>
              )}
            </section>
          )}

          <QualityRecordsSection userId={user?.id ?? ''} period={filter.period} unitId={filter.unitId} />

          <UserSurveySection period={filter.period} unitId={filter.unitId} />
          <section className="card wide" aria-labelledby="all-heading">
            <h2 id="all-heading">{t('dashboard.indicatorTable')}</h2>
            <TableScroll label={t('dashboard.indicatorTable')}>
              <table data-table="indicators">
                <thead>
                  <tr>
                    <th scope="col">{t('dashboard.indicator')}</th>
                    <th scope="col">{t('dashboard.value')}</th>
                    <th scope="col">{t('dashboard.counts')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.totals.map((r) => (
                    <tr key={`${r.indicator}-${r.category ?? ''}`}>
                      <th scope="row">
                        {t(`indicator.${r.indicator}` as MessageKey)}
                        {r.category ? ` · ${r.category}` : ''}
                      </th>
                      <td>{fmt(r)}</td>
                      <td>{countsOf(r)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
            <button
              type="button"
              className="button"
              onClick={() => downloadCsv(indicatorCsv(data.totals, csvLabels, locale), `indikatorer-${filter.period}.csv`)}
            >
              {t('dashboard.csv')}
            </button>
          </section>
        </div>
      )}
    </section>
  );
}
