import type { HousingType, IndicatorGrouping, IndicatorKind } from '@hjulet/domain';
import type { ReadSourceKind } from '../shared/read-source.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Caller } from '../shared/context.js';
import { requestMetrics, type RequestMetrics } from '../shared/request-metrics.js';
import { badInput } from '../shared/app-error.js';
import { resolvePeriods } from './indicator-period.js';
import type { BacklogValue, IndicatorRepository, IndicatorValue, WorkListValue } from './indicator.repository.js';

export interface IndicatorFilterValues {
  unitIds?: string[] | null | undefined;
  areaIds?: string[] | null | undefined;
  housingTypes?: HousingType[] | null | undefined;
  indicators?: IndicatorKind[] | null | undefined;
}

export interface PeriodValues {
  from: string;
  to?: string | null | undefined;
  grain?: 'month' | 'quarter' | 'year' | null | undefined;
}

export type IndicatorResult = IndicatorValue & { period: string };

/** The longest work list one request returns. */
export const WORK_LIST_LIMIT = 1000;
/**
 * The work list's first page: what a supervisor acts on first, and no more people's data read (and audited)
 * than that until they ask for more.
 */
export const WORK_LIST_PAGE = 100;

/**
 * The indicators for a caller's scope: a unit manager's unit, a coordinator's administration, an admin's
 * municipality. Units asked for outside the scope are dropped, so the answer is empty rather than another
 * unit's numbers. Every consumer (dashboard, CSV, quality report, partner statistics) calls `values`.
 */
export class IndicatorService {
  /** The caller's units, once per request and unit filter: the dashboard asks through up to seven root fields. */
  private readonly unitsPerRequest = new WeakMap<RequestMetrics, Map<string, Promise<string[]>>>();

  constructor(
    private readonly indicators: IndicatorRepository,
    private readonly audit: AuditService,
  ) {}

  /** The units and areas the caller may filter by. Organisation data, not personal data: not audited. */
  async scope(caller: Caller): Promise<{ units: Array<{ id: string; name: string }>; areas: Array<{ id: string; name: string }> }> {
    const [units, areas] = await Promise.all([this.indicators.unitsInScope(caller.principal, null), this.indicators.areasOf(caller.principal.municipalityId)]);
    return { units, areas };
  }

  /** As of when this request's aggregates are, and from which database (shared/read-source.ts). Not personal data. */
  async freshness(): Promise<{ asOf: Date; source: ReadSourceKind; lagSeconds: number; fellBack: boolean }> {
    const { asOf, source, lagSeconds, fellBack } = await this.indicators.readView();
    return { asOf, source, lagSeconds, fellBack };
  }

  async values(
    caller: Caller,
    period: PeriodValues,
    groupBy: readonly IndicatorGrouping[],
    filter: IndicatorFilterValues,
    asOf = new Date(),
  ): Promise<IndicatorResult[]> {
    const periods = resolvePeriods(period);
    const units = await this.scopedUnits(caller, filter);
    if (units.length === 0) return [];
    const rows = await this.indicators.values({
      from: periods.from,
      to: periods.to,
      grain: periods.grain,
      units,
      areaIds: nonEmpty(filter.areaIds),
      housingTypes: nonEmpty(filter.housingTypes),
      byUnit: groupBy.includes('unit'),
      byArea: groupBy.includes('area'),
      byHousing: groupBy.includes('housing_type'),
      asOf,
      indicators: nonEmpty(filter.indicators),
    });
    return rows.map((row) => ({ ...row, period: periods.keyOf(row.periodStart) }));
  }

  async backlog(caller: Caller, groupBy: readonly IndicatorGrouping[], filter: IndicatorFilterValues, asOf = new Date()): Promise<BacklogValue[]> {
    const units = await this.scopedUnits(caller, filter);
    if (units.length === 0) return [];
    return this.indicators.backlog({
      units,
      areaIds: nonEmpty(filter.areaIds),
      housingTypes: nonEmpty(filter.housingTypes),
      byUnit: groupBy.includes('unit'),
      byArea: groupBy.includes('area'),
      byHousing: groupBy.includes('housing_type'),
      asOf,
    });
  }

  /** Recipients in scope not offered a review in the period (coverage's shortfall), each read audited. */
  async workList(caller: Caller, period: string, filter: IndicatorFilterValues, first = WORK_LIST_PAGE): Promise<WorkListValue[]> {
    if (!Number.isInteger(first) || first < 1 || first > WORK_LIST_LIMIT) throw badInput(`first must be 1 to ${WORK_LIST_LIMIT}`, 'first');
    const periods = resolvePeriods({ from: period }, 'period');
    const units = await this.scopedUnits(caller, filter);
    if (units.length === 0) return [];
    const entries = await this.indicators.workList(
      { from: periods.from, to: periods.to, units, areaIds: nonEmpty(filter.areaIds), housingTypes: nonEmpty(filter.housingTypes) },
      first,
    );
    await this.audit.record(
      caller,
      entries.map((e) => ({
        action: 'read' as const,
        entityType: 'care_recipient',
        entityId: e.recipient.id,
        careRecipientId: e.recipient.id,
        details: { view: 'coverage_work_list', period },
      })),
    );
    return entries;
  }

  private scopedUnits(caller: Caller, filter: IndicatorFilterValues): Promise<string[]> {
    const only = nonEmpty(filter.unitIds);
    const load = async () => (await this.indicators.unitsInScope(caller.principal, only)).map((u) => u.id);
    const request = requestMetrics.getStore();
    if (!request) return load();
    const known = this.unitsPerRequest.get(request) ?? new Map<string, Promise<string[]>>();
    this.unitsPerRequest.set(request, known);
    const key = `${caller.principal.userId} ${only?.join(',') ?? '*'}`;
    const units = known.get(key) ?? load();
    known.set(key, units);
    return units;
  }
}

function nonEmpty<T>(list: readonly T[] | null | undefined): T[] | null {
  return list && list.length > 0 ? [...list] : null;
}
