import { useMemo, useState } from 'react';
import { useStore } from '../../app/hooks.js';
import { useI18n } from '../../i18n/i18n.js';
import type { MessageKey } from '../../i18n/messages.sv.js';
import { sessionStore } from '../../sync/session.js';
import { ComparisonDocument } from './operations.js';
import { documentNode } from './apollo.js';
import { Chart } from './Chart.js';
import { periodOptions } from './Filters.js';
import { countsOf, formatValue } from './indicator-format.js';
import { downloadCsv, indicatorCsv } from './indicator-csv.js';
import { useCsvLabels } from './DashboardScreen.js';
import { useIndicatorView } from './use-indicator-view.js';
import { ViewStatus } from './ViewStatus.js';
import { WIRE_INDICATOR_KINDS } from '../../sync/enum-casing.js';
import { TableScroll } from '../../app/TableScroll.js';

const COMPARISON = documentNode(ComparisonDocument);
const KINDS = WIRE_INDICATOR_KINDS;

/** Units side by side for each indicator: a table of every indicator, and a chart of the one chosen. */
export function ComparisonScreen() {
  const { t, locale } = useI18n();
  const session = useStore(sessionStore);
  const user = session.status === 'active' ? session.session.user : null;
  const [period, setPeriod] = useState(String(new Date().getFullYear()));
  const [kind, setKind] = useState<(typeof KINDS)[number]>('COVERAGE');
  const csvLabels = useCsvLabels();
  const variables = useMemo(() => ({ period: { from: period } }), [period]);
  const state = useIndicatorView(user?.id ?? '', 'comparison', COMPARISON, variables);
  const rows = state.status === 'ready' ? state.data.indicators.filter((r) => r.category === null) : [];
  const units = [...new Map(rows.map((r) => [r.unitId ?? '', r.unitName ?? ''])).entries()].sort((a, b) => a[1].localeCompare(b[1], locale));
  const chartData = rows
    .filter((r) => r.indicator === kind)
    .map((r) => ({ x: r.unitName ?? '', y: r.value ?? 0, label: formatValue(r.indicator, r.value, locale) }));

  return (
    <section className="dashboard">
      <h1 tabIndex={-1}>{t('comparison.title')}</h1>
      <fieldset className="filters">
        <legend>{t('dashboard.filters')}</legend>
        <label>
          {t('dashboard.period')}
          <select value={period} onChange={(e) => setPeriod(e.target.value)}>
            {periodOptions(new Date()).map((p) => (
              <option key={p.key} value={p.key}>
                {t(p.label, { key: p.key })}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('comparison.chartIndicator')}
          <select value={kind} onChange={(e) => setKind(e.target.value as (typeof KINDS)[number])}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`indicator.${k}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      <ViewStatus state={state} />
      {state.status === 'ready' && rows.length === 0 && <p>{t('comparison.empty')}</p>}
      {rows.length > 0 && (
        <div className="card">
          <Chart name="comparison" data={chartData} percent={kind !== 'MEDIAN_DAYS_TO_CLOSE'} />
          <TableScroll label={t('comparison.title')}>
            <table data-table="comparison">
              <caption>{t('comparison.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('dashboard.indicator')}</th>
                  {units.map(([id, name]) => (
                    <th scope="col" key={id}>
                      {name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {KINDS.map((k) => (
                  <tr key={k} data-indicator={k}>
                    <th scope="row">{t(`indicator.${k}` as MessageKey)}</th>
                    {units.map(([id]) => {
                      const row = rows.find((r) => r.indicator === k && (r.unitId ?? '') === id);
                      return (
                        <td key={id} data-value title={row ? countsOf(row) : undefined}>
                          {row ? formatValue(k, row.value, locale) : '–'}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          {state.status === 'ready' && (
            <button
              type="button"
              className="button"
              onClick={() => downloadCsv(indicatorCsv(state.data.indicators, csvLabels, locale), `jamforelse-${period}.csv`)}
            >
              {t('comparison.csv')}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
