import type { DataSource } from 'typeorm';
import type { HousingType, IndicatorKind, PeriodGrain } from '@hjulet/domain';
import type { Principal } from '../auth/principal.js';
import { positional, unitScopeCondition } from '../access/scope.js';
import { queryRows } from '../shared/sql.js';
import type { ReadSource, ReadView } from '../shared/read-source.js';
import { CareRecipient } from '../recipients/care-recipient.entity.js';

/** What to compute: the dates are Swedish calendar days, `to` exclusive; `units` are already scoped. */
export interface IndicatorQuery {
  from: string;
  to: string;
  grain: PeriodGrain | null;
  units: string[];
  areaIds: string[] | null;
  housingTypes: HousingType[] | null;
  byUnit: boolean;
  byArea: boolean;
  byHousing: boolean;
  asOf: Date;
  indicators: IndicatorKind[] | null;
}

export interface IndicatorValue {
  indicator: IndicatorKind;
  category: string | null;
  periodStart: string;
  unitId: string | null;
  unitName: string | null;
  areaId: string | null;
  areaName: string | null;
  housingType: HousingType | null;
  numerator: number | null;
  denominator: number;
  value: number | null;
}

export interface BacklogValue {
  unitId: string | null;
  unitName: string | null;
  areaId: string | null;
  areaName: string | null;
  housingType: HousingType | null;
  open: number;
  overdue: number;
}

export interface WorkListValue {
  recipient: CareRecipient;
  unitName: string;
  areaName: string;
  lastOfferedAt: Date | null;
}

interface IndicatorValueRow {
  indicator: IndicatorKind;
  category: string | null;
  period_start: string;
  unit_id: string | null;
  unit_name: string | null;
  area_id: string | null;
  area_name: string | null;
  housing_type: HousingType | null;
  numerator: string | null;
  denominator: string;
  value: number | null;
}

interface BacklogRow {
  unit_id: string | null;
  unit_name: string | null;
  area_id: string | null;
  area_name: string | null;
  housing_type: HousingType | null;
  open: string;
  overdue: string;
}

interface WorkListRow {
  id: string;
  municipality_id: string;
  reference: string;
  unit_id: string;
  area_id: string;
  housing_type: HousingType;
  ordinary_housing: boolean;
  address: string | null;
  active: boolean;
  created_at: Date;
  unit_name: string;
  area_name: string;
  last_offered_at: Date | null;
}

const indicatorFromRow = (row: IndicatorValueRow): IndicatorValue => ({
  indicator: row.indicator,
  category: row.category,
  periodStart: row.period_start,
  unitId: row.unit_id,
  unitName: row.unit_name,
  areaId: row.area_id,
  areaName: row.area_name,
  housingType: row.housing_type,
  numerator: row.numerator === null ? null : Number(row.numerator),
  denominator: Number(row.denominator),
  value: row.value === null ? null : Number(row.value),
});

const backlogFromRow = (row: BacklogRow): BacklogValue => ({
  unitId: row.unit_id,
  unitName: row.unit_name,
  areaId: row.area_id,
  areaName: row.area_name,
  housingType: row.housing_type,
  open: Number(row.open),
  overdue: Number(row.overdue),
});

const workListFromRow = (row: WorkListRow): WorkListValue => ({
  recipient: Object.assign(new CareRecipient(), {
    id: row.id,
    municipalityId: row.municipality_id,
    reference: row.reference,
    unitId: row.unit_id,
    areaId: row.area_id,
    housingType: row.housing_type,
    ordinaryHousing: row.ordinary_housing,
    address: row.address,
    active: row.active,
    createdAt: new Date(row.created_at),
  }),
  unitName: row.unit_name,
  areaName: row.area_name,
  lastOfferedAt: row.last_offered_at ? new Date(row.last_offered_at) : null,
});

/**
 * The SQL of the indicators. The definitions are the database functions of migration 1764700000000
 * (`indicator_values`, `indicator_action_backlog`, `indicator_work_list`); this file only calls them with
 * the caller's units and joins names for display.
 */
export class IndicatorRepository {
  constructor(
    private readonly dataSource: DataSource,
    /** The aggregates (values, backlog) read here: a replica when one is configured. */
    private readonly reads: ReadSource,
  ) {}

  /** Where this request's aggregates come from, and as of when. */
  readView(): Promise<ReadView> {
    return this.reads.view();
  }

  /** The units the principal reaches, optionally narrowed to `only` (ids outside the scope are dropped). */
  async unitsInScope(principal: Principal, only: readonly string[] | null): Promise<Array<{ id: string; name: string }>> {
    const params: unknown[] = [];
    const scope = unitScopeCondition(principal, 'u.id', positional(params));
    const narrow = only ? ` AND u.id = ANY (${positional(params)([...only])}::uuid[])` : '';
    return queryRows<{ id: string; name: string }>(this.dataSource, `SELECT u.id, u.name FROM unit u WHERE ${scope}${narrow} ORDER BY u.name`, params);
  }

  areasOf(municipalityId: string): Promise<Array<{ id: string; name: string }>> {
    return queryRows<{ id: string; name: string }>(this.dataSource, `SELECT id, name FROM area WHERE municipality_id = $1 ORDER BY name`, [municipalityId]);
  }

  async values(q: IndicatorQuery): Promise<IndicatorValue[]> {
    const rows = await queryRows<IndicatorValueRow>(
      (await this.reads.view()).dataSource,
      `SELECT i.indicator, i.category, to_char(i.period_start, 'YYYY-MM-DD') AS period_start, i.unit_id, u.name AS unit_name,
              i.area_id, a.name AS area_name, i.housing_type, i.numerator, i.denominator, i.value
       FROM indicator_values($1::date, $2::date, $3::text, $4::uuid[], $5::uuid[], $6::text[], $7, $8, $9, $10::timestamptz, $11::text[]) i
       LEFT JOIN unit u ON u.id = i.unit_id
       LEFT JOIN area a ON a.id = i.area_id
       ORDER BY i.indicator, i.period_start, u.name NULLS FIRST, a.name NULLS FIRST, i.housing_type NULLS FIRST, i.category NULLS FIRST`,
      [q.from, q.to, q.grain, q.units, q.areaIds, q.housingTypes, q.byUnit, q.byArea, q.byHousing, q.asOf.toISOString(), q.indicators],
    );
    return rows.map(indicatorFromRow);
  }

  async backlog(q: Omit<IndicatorQuery, 'from' | 'to' | 'grain' | 'indicators'>): Promise<BacklogValue[]> {
    const rows = await queryRows<BacklogRow>(
      (await this.reads.view()).dataSource,
      `SELECT b.unit_id, u.name AS unit_name, b.area_id, a.name AS area_name, b.housing_type, b.open, b.overdue
       FROM indicator_action_backlog($1::uuid[], $2::uuid[], $3::text[], $4, $5, $6, $7::timestamptz) b
       LEFT JOIN unit u ON u.id = b.unit_id
       LEFT JOIN area a ON a.id = b.area_id
       ORDER BY u.name NULLS FIRST, a.name NULLS FIRST, b.housing_type NULLS FIRST`,
      [q.units, q.areaIds, q.housingTypes, q.byUnit, q.byArea, q.byHousing, q.asOf.toISOString()],
    );
    return rows.map(backlogFromRow);
  }

  async workList(q: Pick<IndicatorQuery, 'from' | 'to' | 'units' | 'areaIds' | 'housingTypes'>, limit: number): Promise<WorkListValue[]> {
    const rows = await queryRows<WorkListRow>(
      this.dataSource,
      `SELECT c.id, c.municipality_id, c.reference, c.unit_id, c.area_id, c.housing_type, c.ordinary_housing, c.address, c.active, c.created_at,
              u.name AS unit_name, a.name AS area_name, w.last_offered_at
       FROM indicator_work_list($1::date, $2::date, $3::uuid[], $4::uuid[], $5::text[]) w
       JOIN care_recipient c ON c.id = w.recipient_id
       JOIN unit u ON u.id = c.unit_id
       JOIN area a ON a.id = c.area_id
       ORDER BY w.last_offered_at NULLS FIRST, c.reference
       LIMIT $6`,
      [q.from, q.to, q.units, q.areaIds, q.housingTypes, limit],
    );
    return rows.map(workListFromRow);
  }
}
