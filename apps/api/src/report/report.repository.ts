import type { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { positional, unitScopeCondition } from '../access/scope.js';
import type { SelfCheckSummaryRow } from './report-self-checks.js';

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

  /**
   * Each self-check plan of the units (active, or with a check in the range): its checks completed in the
   * range, their findings, how many of those got an action, and the actions done.
   */
  async selfCheckSummary(unitIds: readonly string[], from: string, to: string): Promise<SelfCheckSummaryRow[]> {
    const rows: Array<
      Omit<SelfCheckSummaryRow, 'done' | 'findings' | 'findingsWithAction' | 'actionsDone'> &
        Record<'done' | 'findings' | 'with_action' | 'actions_done', string>
    > = await this.dataSource.query(
      `WITH r AS (SELECT id, plan_id FROM self_check_result WHERE unit_id = ANY($1) AND completed_on >= $2::date AND completed_on < $3::date),
              f AS (SELECT f.id, r.plan_id FROM self_check_finding f JOIN r ON r.id = f.result_id)
         SELECT u.name AS "unitName", t.title_sv AS "templateTitleSv", t.title_en AS "templateTitleEn", rp.name AS "processName", p.frequency,
                p.first_due_on::text AS "firstDueOn",
                (SELECT count(*) FROM r WHERE r.plan_id = p.id) AS done,
                (SELECT count(*) FROM f WHERE f.plan_id = p.id) AS findings,
                (SELECT count(*) FROM f WHERE f.plan_id = p.id AND EXISTS (SELECT 1 FROM self_check_action a WHERE a.finding_id = f.id)) AS with_action,
                (SELECT count(*) FROM self_check_action a JOIN f ON f.id = a.finding_id WHERE f.plan_id = p.id AND a.status = 'done') AS actions_done
         FROM self_check_plan p JOIN unit u ON u.id = p.unit_id JOIN template_version tv ON tv.id = p.template_version_id
         JOIN checklist_template t ON t.id = tv.template_id LEFT JOIN routine_process rp ON rp.id = p.process_id
         WHERE p.unit_id = ANY($1) AND (p.active OR EXISTS (SELECT 1 FROM r WHERE r.plan_id = p.id))
         ORDER BY u.name, t.title_sv, p.id`,
      [[...unitIds], from, to],
    );
    return rows.map(({ done, findings, with_action, actions_done, ...plan }) => ({
      ...plan,
      done: n(done),
      findings: n(findings),
      findingsWithAction: n(with_action),
      actionsDone: n(actions_done),
    }));
  }
}
