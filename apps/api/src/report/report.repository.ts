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
 * The units are the caller's scope, narrowed by the service; every query takes them as one array.
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

  /** Risks found by completed reviews made in the range, by category: how many, how many got an action, how many of those actions are done. */
  async riskSummary(unitIds: readonly string[], from: string, to: string): Promise<RiskSummaryRow[]> {
    const rows: Array<{ category: string; found: string; with_action: string; actions_done: string }> = await this.dataSource.query(
      `SELECT ir.category, count(*) AS found,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM follow_up_action a WHERE a.risk_id = ir.id)) AS with_action,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM follow_up_action a WHERE a.risk_id = ir.id AND a.status = 'done')) AS actions_done
       FROM identified_risk ir JOIN review r ON r.id = ir.review_id
       WHERE r.status = 'completed' AND r.unit_id = ANY($1) AND r.performed_at >= $2::date AND r.performed_at < $3::date
       GROUP BY ir.category ORDER BY count(*) DESC, ir.category`,
      [[...unitIds], from, to],
    );
    return rows.map((r) => ({ category: r.category, found: n(r.found), withAction: n(r.with_action), actionsDone: n(r.actions_done) }));
  }

  /**
   * The effect at the next review, over the completed reviews made in the range that follow an earlier
   * completed review of the same person and checklist: the earlier review's risks gone or still there,
   * and the risks that are new. The same comparison as `compareRisks` in packages/domain, in SQL.
   */
  async effects(unitIds: readonly string[], from: string, to: string): Promise<EffectCounts> {
    const rows: Array<{ gone: string; still: string; new: string }> = await this.dataSource.query(
      `WITH completed AS (
         SELECT r.id, r.unit_id, r.performed_at,
                lag(r.id) OVER (PARTITION BY r.recipient_id, v.template_id ORDER BY r.performed_at, r.id) AS previous_id
         FROM review r JOIN template_version v ON v.id = r.template_version_id WHERE r.status = 'completed'
       ), pairs AS (
         SELECT id, previous_id FROM completed
         WHERE previous_id IS NOT NULL AND unit_id = ANY($1) AND performed_at >= $2::date AND performed_at < $3::date
       )
       SELECT
         (SELECT count(*) FROM pairs p JOIN identified_risk b ON b.review_id = p.previous_id
            WHERE NOT EXISTS (SELECT 1 FROM identified_risk c WHERE c.review_id = p.id AND c.item_key = b.item_key)) AS gone,
         (SELECT count(*) FROM pairs p JOIN identified_risk b ON b.review_id = p.previous_id
            WHERE EXISTS (SELECT 1 FROM identified_risk c WHERE c.review_id = p.id AND c.item_key = b.item_key)) AS still,
         (SELECT count(*) FROM pairs p JOIN identified_risk c ON c.review_id = p.id
            WHERE NOT EXISTS (SELECT 1 FROM identified_risk b WHERE b.review_id = p.previous_id AND b.item_key = c.item_key)) AS new`,
      [[...unitIds], from, to],
    );
    const row = rows[0];
    return { gone: n(row?.gone), stillThere: n(row?.still), new: n(row?.new) };
  }

  /** Open follow-up actions on risks of the units, and how many of them are past due. */
  async openRiskActions(unitIds: readonly string[], today: string): Promise<{ open: number; overdue: number }> {
    const rows: Array<{ open: string; overdue: string }> = await this.dataSource.query(
      `SELECT count(*) AS open, count(*) FILTER (WHERE due_date < $2::date) AS overdue FROM follow_up_action WHERE status = 'open' AND unit_id = ANY($1)`,
      [[...unitIds], today],
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
