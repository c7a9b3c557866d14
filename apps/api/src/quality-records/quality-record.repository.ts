import type { DataSource } from 'typeorm';
import { LEX_SARAH_CATEGORY, type QualityRecordCount, type QualityRecordMeasure, type QualityRecordSource } from '@hjulet/domain';
import type { Principal } from '../auth/principal.js';
import { positional, unitScopeCondition } from '../access/scope.js';
import type { ReadSource } from '../shared/read-source.js';

/*
 * Each source is one query giving one row per record received in the range: its category, unit, when it was
 * received, whether it is investigated, closed, closed by its deadline, has an action (null: the source has
 * none), and its days from received to closed. $1 is the units, $2 and $3 the range's first and next-after
 * Swedish days. Only these columns leave the tables: never text, never a lex Sarah report's kind.
 */
const SOURCE_RECORDS: Readonly<Record<QualityRecordSource, string>> = {
  // The CASE is the SQL form of deviationStatisticsCategory (packages/domain): lex Sarah is a category of its own.
  deviation: `SELECT CASE WHEN d.lex_sarah THEN '${LEX_SARAH_CATEGORY}' ELSE d.kind END AS category, d.unit_id, d.received_at,
                     d.status <> 'received' AS investigated, d.status = 'closed' AS closed,
                     d.status = 'closed' AND (d.closed_at AT TIME ZONE 'Europe/Stockholm')::date <= d.close_by AS closed_in_time,
                     EXISTS (SELECT 1 FROM deviation_action a WHERE a.deviation_id = d.id) AS with_actions,
                     extract(epoch FROM d.closed_at - d.received_at) / 86400 AS days_to_close
              FROM deviation d
              WHERE d.unit_id = ANY($1::uuid[])
                AND d.received_at >= ($2::date)::timestamp AT TIME ZONE 'Europe/Stockholm'
                AND d.received_at < ($3::date)::timestamp AT TIME ZONE 'Europe/Stockholm'`,
  // A case is investigated and closed when it is answered: the answer is given with what the investigation found.
  feedback: `SELECT fc.kind AS category, fc.unit_id, fc.received_at,
                    fc.status = 'answered' AS investigated, fc.status = 'answered' AS closed,
                    fc.status = 'answered' AND (fc.answered_at AT TIME ZONE 'Europe/Stockholm')::date <= fc.due_on AS closed_in_time,
                    NULL::boolean AS with_actions,
                    extract(epoch FROM fc.answered_at - fc.received_at) / 86400 AS days_to_close
             FROM feedback_case fc
             WHERE fc.unit_id = ANY($1::uuid[])
               AND fc.received_at >= ($2::date)::timestamp AT TIME ZONE 'Europe/Stockholm'
               AND fc.received_at < ($3::date)::timestamp AT TIME ZONE 'Europe/Stockholm'`,
  // A finding is received when its check was completed; its actions decide the rest: investigated once one is
  // decided, closed when all are done (closed in time: none done after its own due date).
  self_check: `SELECT f.severity AS category, r.unit_id, r.completed_at AS received_at,
                      a.n > 0 AS investigated, a.n > 0 AND a.open = 0 AS closed,
                      a.n > 0 AND a.open = 0 AND a.late = 0 AS closed_in_time, a.n > 0 AS with_actions,
                      CASE WHEN a.n > 0 AND a.open = 0 THEN extract(epoch FROM a.last_done - r.completed_at) / 86400 END AS days_to_close
               FROM self_check_finding f JOIN self_check_result r ON r.id = f.result_id
               CROSS JOIN LATERAL (
                 SELECT count(*) AS n, count(*) FILTER (WHERE sa.status = 'open') AS open,
                        count(*) FILTER (WHERE (sa.done_at AT TIME ZONE 'Europe/Stockholm')::date > sa.due_on) AS late, max(sa.done_at) AS last_done
                 FROM self_check_action sa WHERE sa.finding_id = f.id) a
               WHERE r.unit_id = ANY($1::uuid[])
                 AND r.completed_at >= ($2::date)::timestamp AT TIME ZONE 'Europe/Stockholm'
                 AND r.completed_at < ($3::date)::timestamp AT TIME ZONE 'Europe/Stockholm'`,
};

interface CountRow {
  period: string;
  category: string | null;
  unit: string | null;
  received: string;
  investigated: string;
  closed: string;
  closed_in_time: string;
  with_actions: string;
  median_days: number | string | null;
}

export interface SourceCounts {
  counts: QualityRecordCount[];
  /** Median days to close by `period|category|unit` (`*` for all), before suppression. */
  medians: Map<string, number>;
}

export const medianKey = (period: string, category: string | null, unit: string | null) => `${period}|${category ?? '*'}|${unit ?? '*'}`;

/** What a deviation investigation found and what was changed, for the quality report: counts only. */
export interface DeviationOutcomes {
  /** Investigated deviations outside lex Sarah, by cause of their cause analysis (one deviation may have several). */
  causes: Array<{ cause: string; count: number }>;
  /** Lex Sarah reports investigated as serious: the ones notified to IVO. */
  ivoNotifications: number;
  actionsDecided: number;
  actionsDone: number;
}

/** SQL of the compiled quality records: one query per source, grouped the same way for all of them. */
export class QualityRecordRepository {
  constructor(
    private readonly dataSource: DataSource,
    /** The statistics' counts are read here: a replica when one is configured, as the risk statistics are. */
    private readonly reads: ReadSource,
  ) {}

  /** The units of the principal's scope, optionally one of them. */
  async unitsInScope(principal: Principal, unitId?: string | undefined): Promise<Array<{ id: string; name: string }>> {
    const params: unknown[] = [];
    const bind = positional(params);
    return this.dataSource.query(
      `SELECT id, name FROM unit WHERE ${unitScopeCondition(principal, 'id', bind)} ${unitId ? `AND id = ${bind(unitId)}` : ''} ORDER BY name, id`,
      params,
    );
  }

  /**
   * One source's counts for every node of the grid the domain suppresses over: each record counted in its
   * month, quarter and year, grouped by category and unit and by every "all" of the two (CUBE).
   */
  async counts(source: QualityRecordSource, unitIds: readonly string[], from: string, to: string): Promise<SourceCounts> {
    const { dataSource } = await this.reads.view();
    const rows: CountRow[] = await dataSource.query(
      `WITH r AS (${SOURCE_RECORDS[source]}),
            p AS (SELECT r.*, l.period FROM r
                  CROSS JOIN LATERAL (SELECT r.received_at AT TIME ZONE 'Europe/Stockholm' AS t) s
                  CROSS JOIN LATERAL (VALUES (to_char(s.t, 'YYYY-MM')), (to_char(s.t, 'YYYY-"Q"Q')), (to_char(s.t, 'YYYY'))) l(period))
       SELECT period, category, unit_id::text AS unit, count(*) AS received,
              count(*) FILTER (WHERE investigated) AS investigated, count(*) FILTER (WHERE closed) AS closed,
              count(*) FILTER (WHERE closed_in_time) AS closed_in_time, count(*) FILTER (WHERE with_actions) AS with_actions,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY days_to_close) AS median_days
       FROM p GROUP BY period, CUBE (category, unit_id)`,
      [[...unitIds], from, to],
    );
    const measures: Array<[QualityRecordMeasure, keyof CountRow]> = [
      ['received', 'received'],
      ['investigated', 'investigated'],
      ['closed', 'closed'],
      ['closedInTime', 'closed_in_time'],
      ['withActions', 'with_actions'],
    ];
    const counts = rows.flatMap((r) =>
      measures.map(([measure, column]) => ({ measure, category: r.category, unit: r.unit, period: r.period, count: Number(r[column] ?? 0) })),
    );
    const medians = new Map(rows.filter((r) => r.median_days !== null).map((r) => [medianKey(r.period, r.category, r.unit), Number(r.median_days)] as const));
    return { counts, medians };
  }

  /** Cause-analysis outcomes, IVO notifications, and actions of the deviations received in the range. */
  async deviationOutcomes(unitIds: readonly string[], from: string, to: string): Promise<DeviationOutcomes> {
    const range = `d.unit_id = ANY($1::uuid[]) AND d.received_at >= ($2::date)::timestamp AT TIME ZONE 'Europe/Stockholm'
                   AND d.received_at < ($3::date)::timestamp AT TIME ZONE 'Europe/Stockholm'`;
    const params = [[...unitIds], from, to];
    const { dataSource } = await this.reads.view();
    // A lex Sarah report's causes are its content: only the other deviations' causes are counted.
    const [causes, totals]: [Array<{ cause: string; count: string }>, Array<Record<string, string>>] = await Promise.all([
      dataSource.query(
        `SELECT c.cause, count(*) AS count FROM deviation d CROSS JOIN LATERAL unnest(d.causes) AS c(cause)
         WHERE ${range} AND NOT d.lex_sarah GROUP BY c.cause ORDER BY c.cause`,
        params,
      ),
      dataSource.query(
        `SELECT count(*) FILTER (WHERE d.lex_sarah AND d.serious) AS ivo,
                (SELECT count(*) FROM deviation_action a JOIN deviation d ON d.id = a.deviation_id WHERE ${range}) AS decided,
                (SELECT count(*) FROM deviation_action a JOIN deviation d ON d.id = a.deviation_id WHERE ${range} AND a.status = 'done') AS done
         FROM deviation d WHERE ${range}`,
        params,
      ),
    ]);
    const t = totals[0] ?? {};
    return {
      causes: causes.map((c) => ({ cause: c.cause, count: Number(c.count) })),
      ivoNotifications: Number(t['ivo'] ?? 0),
      actionsDecided: Number(t['decided'] ?? 0),
      actionsDone: Number(t['done'] ?? 0),
    };
  }
}
