import { useI18n } from '../../i18n/i18n.js';

export interface FilterState {
  period: string;
  unitId: string;
  areaId: string;
}

interface Option {
  id: string;
  name: string;
}

/** The periods offered: this year, last year, this quarter, this month. */
export function periodOptions(
  today: Date,
): Array<{ key: string; label: 'dashboard.thisYear' | 'dashboard.lastYear' | 'dashboard.thisQuarter' | 'dashboard.thisMonth' }> {
  const year = today.getFullYear();
  const month = today.getMonth() + 1;
  return [
    { key: String(year), label: 'dashboard.thisYear' },
    { key: String(year - 1), label: 'dashboard.lastYear' },
    { key: `${year}-Q${Math.floor((month - 1) / 3) + 1}`, label: 'dashboard.thisQuarter' },
    { key: `${year}-${String(month).padStart(2, '0')}`, label: 'dashboard.thisMonth' },
  ];
}

export function Filters({ value, onChange, units, areas }: { value: FilterState; onChange(next: FilterState): void; units: Option[]; areas: Option[] }) {
  const { t } = useI18n();
  return (
    <fieldset className="filters">
      <legend>{t('dashboard.filters')}</legend>
      <label>
        {t('dashboard.period')}
        <select value={value.period} onChange={(e) => onChange({ ...value, period: e.target.value })}>
          {periodOptions(new Date()).map((p) => (
            <option key={p.key} value={p.key}>
              {t(p.label, { key: p.key })}
            </option>
          ))}
        </select>
      </label>
      {units.length > 1 && (
        <label>
          {t('dashboard.unit')}
          <select value={value.unitId} onChange={(e) => onChange({ ...value, unitId: e.target.value })}>
            <option value="">{t('dashboard.all')}</option>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        {t('dashboard.area')}
        <select value={value.areaId} onChange={(e) => onChange({ ...value, areaId: e.target.value })}>
          <option value="">{t('dashboard.all')}</option>
          {areas.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}
