import type { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { positional, unitScopeCondition } from '../access/scope.js';

export interface RiskSummaryRow {
  category: string;
  found: number;
  withAction: number;
  actionsDone: number;
}

export interface EffectCounts {
  gone: number;
  stillThere: number;
  new: number;
}

const n = (v: unknown) => Number(v ?? 0);

/**
 * SQL of the quality report (kvalitetsberättelse) over a set of units and a half-open range of days.
 * The units are the caller's scope, narrowed by the service; every query takes them as one array. Its risks,
 * effects and open actions are read from the indicator functions, so they agree with the dashboard by construction.
 */
export class ReportRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The units of the principal's scope, optionally one of them. */
  async unitsInScope(principal: Principal, unitId?: string | undefined): Promise<Array<{ id: string; name: string }>> {
    const params: unknown[] = [];
    const bind = positional(params);
    const rows: Array<{ id: string; name: string }> = await this.dataSource.query(
      `SELECT id, name FROM unit WHERE ${unitScopeCondition(principal, 'id', bind)} ${unitId ? `AND id = ${bind(unitId)}` : ''} ORDER BY name`,
      params,
    );
    return rows;
  }

  /**
   * The indicator rows the report needs, from the one definition (`indicator_values`, docs/indicators.md) for
   * the whole range as one period, not grouped: the same numbers the dashboard and the CSV show.
   */
  private async indicatorRows(unitIds: readonly string[], from: string, to: string, indicators: string[]) {
    const rows: Array<{ indicator: string; category: string | null; numerator: string | null; denominator: string }> = await this.dataSource.query(
      `SELECT indicator, category, numerator, denominator
       FROM indicator_values($1::date, $2::date, NULL, $3::uuid[], NULL, NULL, false, false, false, $4::timestamptz, $5::text[])`,
      [from, to, [...unitIds], new Date().toISOString(), indicators],
    );
    return rows.map((r) => ({ indicator: r.indicator, category: r.category, numerator: n(r.numerator), denominator: n(r.denominator) }));
  }

  /**
   * Risks found by completed reviews offered in the range, by category: how many (`risks_with_action`'s
   * denominator), how many got an action (its numerator), how many have an action done (`risks_with_action_done`).
   */
  async riskSummary(unitIds: readonly string[], from: string, to: string): Promise<RiskSummaryRow[]> {
    const rows = await this.indicatorRows(unitIds, from, to, ['risks_with_action', 'risks_with_action_done']);
    const done = new Map(rows.filter((r) => r.indicator === 'risks_with_action_done').map((r) => [r.category, r.numerator]));
    return rows
      .filter((r): r is typeof r & { category: string } => r.indicator === 'risks_with_action' && r.category !== null)
      .map((r) => ({ category: r.category, found: r.denominator, withAction: r.numerator, actionsDone: done.get(r.category) ?? 0 }))
      .sort((x, y) => y.found - x.found || x.category.localeCompare(y.category));
  }

  /**
   * The effect at the next review, over the completed reviews offered in the range that follow an earlier
   * completed review of the same person and checklist: the earlier risks gone (`risks_resolved_by_next_review`'s
   * numerator) or still there (its denominator less the numerator), and the new ones (`new_risks_at_next_review`).
   */
  async effects(unitIds: readonly string[], from: string, to: string): Promise<EffectCounts> {
    const rows = await this.indicatorRows(unitIds, from, to, ['risks_resolved_by_next_review', 'new_risks_at_next_review']);
    const resolved = rows.find((r) => r.indicator === 'risks_resolved_by_next_review' && r.category === null);
    const added = rows.find((r) => r.indicator === 'new_risks_at_next_review' && r.category === null);
    return { gone: resolved?.numerator ?? 0, stillThere: (resolved?.denominator ?? 0) - (resolved?.numerator ?? 0), new: added?.numerator ?? 0 };
  }

  /** Open follow-up actions of the units now, and how many of them are past due (`indicator_action_backlog`). */
  async openRiskActions(unitIds: readonly string[], asOf: Date): Promise<{ open: number; overdue: number }> {
    const rows: Array<{ open: string; overdue: string }> = await this.dataSource.query(
      `SELECT open, overdue FROM indicator_action_backlog($1::uuid[], NULL, NULL, false, false, false, $2::timestamptz)`,
      [[...unitIds], asOf.toISOString()],
    );
    return { open: n(rows[0]?.open), overdue: n(rows[0]?.overdue) };
  }

  /** Events of the units' people in the range, by kind. */
  async eventCounts(unitIds: readonly string[], from: string, to: string): Promise<Array<{ kind: string; count: number }>> {
    const rows: Array<{ kind: string; count: string }> = await this.dataSource.query(
      `SELECT kind, count(*) AS count FROM care_event WHERE unit_id = ANY($1) AND occurred_on >= $2::date AND occurred_on < $3::date GROUP BY kind ORDER BY kind`,
      [[...unitIds], from, to],
    );
    return rows.map((r) => ({ kind: r.kind, count: n(r.count) }));
  }
}
