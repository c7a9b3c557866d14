import type { DataSource } from 'typeorm';
import type { ReadSource } from '../shared/read-source.js';
import { periodKeyOf, type HousingType, type StatisticsCount } from '@hjulet/domain';
import { queryRows } from '../shared/sql.js';

export interface PartnerArea {
  id: string;
  code: string;
  name: string;
}

interface IndicatorCountRow {
  level: 'month' | 'quarter' | 'year';
  indicator: 'acceptance' | 'risk_prevalence' | 'risks_resolved_by_next_review';
  category: string | null;
  period_start: string;
  area_id: string | null;
  housing_type: HousingType | null;
  numerator: string | null;
  denominator: string;
}

/**
 * Every level of the grid the statistics publish, each computed by the supervisors' own definition, the SQL
 * function `indicator_values` (migration 1764700000000): by month, by quarter and for the whole year, each
 * with and without area and housing type. People are counted once per group, as on the dashboard, so a
 * level is not the sum of the level below it; it is read from the function, not added up here. Each level
 * is one call per combination of area and housing type (12 in all): the year's series by month, its series
 * by quarter (migration 1764970000000), and the year as one period.
 */
const LEVELS_SQL = `
  WITH units AS (SELECT array_agg(u.id) AS ids FROM unit u JOIN administration a ON a.id = u.administration_id WHERE a.municipality_id = $4),
  spans AS (
    SELECT 'month'::text AS level, 'month'::text AS grain, $1::date AS p_from, $2::date AS p_to
    UNION ALL
    SELECT 'quarter', 'quarter', $1::date, $2::date
    UNION ALL
    SELECT 'year', NULL, $1::date, $2::date
  )
  SELECT s.level, i.indicator, i.category, to_char(i.period_start, 'YYYY-MM-DD') AS period_start, i.area_id, i.housing_type, i.numerator, i.denominator
  FROM spans s
  CROSS JOIN (VALUES (true, true), (true, false), (false, true), (false, false)) AS b(by_area, by_housing)
  CROSS JOIN LATERAL indicator_values(s.p_from, s.p_to, s.grain, (SELECT ids FROM units), $3::uuid[], NULL::text[], false, b.by_area, b.by_housing,
                                      now(), ARRAY['acceptance', 'risk_prevalence', 'risks_resolved_by_next_review']) i`;

/** The SQL behind the partner statistics: the indicator functions, called for a partner's areas. */
export class RiskStatisticsRepository {
  constructor(
    private readonly dataSource: DataSource,
    /** The year's counts are read here: a replica when one is configured. */
    private readonly reads: ReadSource,
  ) {}

  areas(municipalityId: string, areaIds: readonly string[]): Promise<PartnerArea[]> {
    return queryRows<PartnerArea>(this.dataSource, `SELECT id, code, name FROM area WHERE municipality_id = $1 AND id = ANY ($2::uuid[]) ORDER BY code`, [
      municipalityId,
      [...areaIds],
    ]);
  }

  /** The risk categories of the published templates: the fixed category axis of the grid. */
  async categories(): Promise<string[]> {
    const rows = await queryRows<{ key: string }>(
      this.dataSource,
      `SELECT DISTINCT c->>'key' AS key FROM template_version v CROSS JOIN jsonb_array_elements(v.definition->'riskCategories') c
       WHERE v.status = 'published' ORDER BY 1`,
    );
    return rows.map((r) => r.key);
  }

  /** The counts of one calendar year for the areas given (their codes keyed by id), in every unit of the municipality. */
  async countsOfYear(municipalityId: string, year: number, areas: readonly PartnerArea[]): Promise<StatisticsCount[]> {
    const codeOf = new Map(areas.map((a) => [a.id, a.code]));
    const rows = await queryRows<IndicatorCountRow>((await this.reads.view()).dataSource, LEVELS_SQL, [
      `${year}-01-01`,
      `${year + 1}-01-01`,
      areas.map((a) => a.id),
      municipalityId,
    ]);
    return rows.flatMap((row) => countsOf(row, year, codeOf));
  }
}

function countsOf(row: IndicatorCountRow, year: number, codeOf: ReadonlyMap<string, string>): StatisticsCount[] {
  const period = row.level === 'year' ? String(year) : periodKeyOf(row.period_start, row.level);
  if (period === null) throw new Error(`indicator_values returned a period start ${row.period_start} that is not a ${row.level}`);
  const place = { area: row.area_id === null ? null : (codeOf.get(row.area_id) ?? null), period, housingType: row.housing_type };
  if (row.area_id !== null && place.area === null) return [];
  const numerator = Number(row.numerator ?? 0);
  const denominator = Number(row.denominator);
  switch (row.indicator) {
    case 'acceptance':
      return [
        { measure: 'reviewsOffered', category: null, ...place, count: denominator },
        { measure: 'reviewsCompleted', category: null, ...place, count: numerator },
      ];
    case 'risk_prevalence':
      return [{ measure: 'reviewsWithRisk', category: row.category, ...place, count: numerator }];
    case 'risks_resolved_by_next_review':
      if (row.category !== null) return [];
      return [
        { measure: 'risksFollowedUp', category: null, ...place, count: denominator },
        { measure: 'risksResolved', category: null, ...place, count: numerator },
      ];
  }
}
