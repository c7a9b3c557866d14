import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  ACTION_FACT_ROWS,
  FACT_LOCK_CLASS,
  FACT_REFRESH,
  PARAMS,
  positionalFor,
  RETURNS,
  REVIEW_FACT_ROWS,
  RISK_FACT_ROWS,
  ROLLUP_QUERY,
  SIGNATURE,
  sqlText,
} from './1765050000000-indicator-rollup.js';

/**
 * Counts per calendar period kept on write, so that the dashboard reads hundreds of rows, not every review of
 * the period (issue 9: the dashboard at 1,000,000 reviews).
 *
 * The facts of 1765050000000 made each indicator a scan of the period's reviews; the distinct-recipient counts
 * (coverage, acceptance, prevalence) still counted a year's reviews at every call, and coverage probed each
 * eligible recipient. A distinct count does not add up across months or units (a recipient reviewed in two
 * months of a quarter, or in two units of the administration, is one recipient), so it is kept per period at
 * each grain (month, quarter, year) and per cell (unit and area where the review was made, the recipient's
 * housing type now), and corrected at read time for the few recipients who are in several cells of one period:
 * - `indicator_review_cell`: per grain, period and cell, and per risk category ('' for the recipient-level
 *   counts): recipients offered a review, with a completed one, with a risk (of the category, or of any), and
 *   the additive sums of the risk facts (risks, with an action, done, previous risks, resolved, next, new).
 * - `indicator_split`: the recipient-periods with reviews in more than one (unit, area), one row per cell, with
 *   whether one was completed and the categories with a risk. A group of cells counts such a recipient once per
 *   cell; the read subtracts the surplus.
 * - `indicator_coverage_cell`: per grain, period and the recipient's cell now, the eligible recipients offered
 *   a review anywhere in the period and registered before it ended (the coverage numerator).
 * - `indicator_eligible_cell`: eligible recipients per cell and month registered; the denominator of a period
 *   is the sum over the months registered before it ends.
 * - `indicator_closure_cell`: actions by the period of their due date, cell and the month they settled in (the
 *   action fact's new `settle_day`, from which their part in action closure no longer depends on "as of").
 * - `indicator_recipient_fact`: what each recipient counted as (cell, registration day, eligible), so that a
 *   change can be taken back out of the counts; and when it was last offered a review (the work list).
 *
 * The cells are kept by the same refresh as the facts, at the same COMMIT: it takes the recipients'
 * contributions out, recomputes their facts, and puts the new contributions in, as one upsert per table in key
 * order (two refreshes lock shared cells in the same order, so they cannot deadlock). The full rebuild
 * (`indicator_fact_refresh(NULL)`) builds them from the facts. A cell whose counts have gone back to zero is kept
 * at zero: the reads require counts above zero, as a missing row would.
 *
 * `indicator_values` reads the cells when every period asked for is a whole calendar month, quarter or year (the
 * dashboard's year and 12 months, the report's quarters), and the facts otherwise. Action closure adds the cells
 * settled before the month of "as of" to the actions not settled then, read one by one; the median of days to
 * close always comes from the action facts (a median does not add up from counts). The work list reads the
 * recipient facts. `indicator_values_raw` stays the reference, and the rollup test compares both paths with it.
 */

/** ROLLUP_QUERY with $1…$11 for its parameters' names, for EXECUTE ... USING. */
const ROLLUP_EXECUTABLE = positionalFor(PARAMS)(ROLLUP_QUERY);

/** The grains, with their length: an interval per row here, not a call of indicator_grain_step per fact row. */
const GRAINS = `(VALUES ('month', interval '1 month'), ('quarter', interval '3 months'), ('year', interval '1 year')) g (grain, step)`;
const positional = positionalFor([...PARAMS, 'p_cell_grain']);

const REVIEW_CELL_COLUMNS = `grain, period_start, unit_id, area_id, housing_type, category`;
const REVIEW_CELL_COUNTS = [
  'offered',
  'completed',
  'with_risk',
  'risks',
  'with_action',
  'with_done_action',
  'prev_risks',
  'resolved',
  'next_risks',
  'new_risks',
];

/** Per recipient and cell of each grain: reviewed there, and whether one was completed. %s: condition on f. */
const PER_REVIEW = `
  SELECT g.grain, date_trunc(g.grain, f.offered_day::timestamp)::date AS period_start, f.unit_id, f.area_id, f.housing_type, f.recipient_id,
         bool_or(f.status = 'completed') AS completed
  FROM indicator_review_fact f CROSS JOIN ${GRAINS}
  WHERE %1$s
  GROUP BY 1, 2, 3, 4, 5, 6`;

/** Per recipient, cell and category of each grain: a risk there, and the sums. %s: condition on k. */
const PER_RISK = `
  SELECT g.grain, date_trunc(g.grain, k.offered_day::timestamp)::date AS period_start, k.unit_id, k.area_id, k.housing_type, k.recipient_id,
         k.category, bool_or(k.risks > 0) AS with_risk,
         -- int, one recipient's in one period: summed again per cell, as int (to bigint) rather than bigint (to numeric)
         sum(k.risks)::int AS risks, sum(k.with_action)::int AS with_action, sum(k.with_done_action)::int AS with_done_action,
         sum(k.prev_risks)::int AS prev_risks, sum(k.resolved)::int AS resolved, sum(k.next_risks)::int AS next_risks,
         sum(k.new_risks)::int AS new_risks
  FROM indicator_risk_fact k CROSS JOIN ${GRAINS}
  WHERE %2$s
  GROUP BY 1, 2, 3, 4, 5, 6, 7`;

/** The review cells of the recipients selected (%1$s on the review facts f, %2$s on the risk facts k). */
const REVIEW_CELLS = `
  WITH per_review AS (${PER_REVIEW}), per_risk AS (${PER_RISK}),
  parts AS (
    SELECT grain, period_start, unit_id, area_id, housing_type, ''::text AS category, 1 AS offered, completed::int AS completed,
           0 AS with_risk, 0 AS risks, 0 AS with_action, 0 AS with_done_action, 0 AS prev_risks, 0 AS resolved, 0 AS next_risks, 0 AS new_risks
    FROM per_review
    UNION ALL
    SELECT grain, period_start, unit_id, area_id, housing_type, '', 0, 0, 1, 0, 0, 0, 0, 0, 0, 0
    FROM (SELECT DISTINCT grain, period_start, unit_id, area_id, housing_type, recipient_id FROM per_risk WHERE with_risk) r
    UNION ALL
    SELECT grain, period_start, unit_id, area_id, housing_type, category, 0, 0, with_risk::int,
           risks, with_action, with_done_action, prev_risks, resolved, next_risks, new_risks
    FROM per_risk
  )
  SELECT ${REVIEW_CELL_COLUMNS}, ${REVIEW_CELL_COUNTS.map((c) => `sum(${c})::bigint AS ${c}`).join(', ')}
  FROM parts GROUP BY 1, 2, 3, 4, 5, 6`;

/** The recipient-periods selected that have reviews in more than one (unit, area). */
export const SPLIT_ROWS = `
  INSERT INTO indicator_split (grain, period_start, recipient_id, unit_id, area_id, housing_type, completed, categories)
  WITH per_review AS (${PER_REVIEW}),
  per_category AS (
    SELECT g.grain, date_trunc(g.grain, k.offered_day::timestamp)::date AS period_start, k.unit_id, k.area_id, k.recipient_id,
           array_agg(DISTINCT k.category ORDER BY k.category) AS categories
    FROM indicator_risk_fact k CROSS JOIN ${GRAINS}
    WHERE k.risks > 0 AND %2$s
    GROUP BY 1, 2, 3, 4, 5
  )
  SELECT r.grain, r.period_start, r.recipient_id, r.unit_id, r.area_id, r.housing_type, r.completed, coalesce(c.categories, '{}')
  FROM (SELECT *, count(*) OVER (PARTITION BY grain, period_start, recipient_id) AS cells FROM per_review) r
  LEFT JOIN per_category c USING (grain, period_start, unit_id, area_id, recipient_id)
  WHERE r.cells > 1`;

/**
 * What the recipients selected (%s: condition on c) count as: their cell now, the day registered, eligible; and
 * when they were last offered a review (the work list's order, and most of its "not offered in the period").
 */
export const RECIPIENT_FACT_ROWS = `
  INSERT INTO indicator_recipient_fact (recipient_id, unit_id, area_id, housing_type, created_day, eligible, last_offered_at, last_offered_day)
  SELECT c.id, c.unit_id, c.area_id, c.housing_type, indicator_local_day(c.created_at), c.active AND c.ordinary_housing,
         last.offered_at, indicator_local_day(last.offered_at)
  FROM care_recipient c
  LEFT JOIN LATERAL (SELECT max(r.offered_at) AS offered_at FROM review r WHERE r.recipient_id = c.id) last ON true
  WHERE %s`;

/** The coverage cells of the recipients selected (%s: condition on r, a recipient fact). */
const COVERAGE_CELLS = `
  SELECT grain, period_start, unit_id, area_id, housing_type, count(*)::bigint AS covered
  FROM (
    SELECT DISTINCT g.grain, g.step, date_trunc(g.grain, f.offered_day::timestamp)::date AS period_start, r.recipient_id,
           r.unit_id, r.area_id, r.housing_type, r.created_day
    FROM indicator_recipient_fact r JOIN indicator_review_fact f ON f.recipient_id = r.recipient_id CROSS JOIN ${GRAINS}
    WHERE r.eligible AND %s
  ) offered
  WHERE created_day < (period_start + step)::date
  GROUP BY 1, 2, 3, 4, 5`;

/** The eligible cells of the recipients selected (%s: condition on r). */
const ELIGIBLE_CELLS = `
  SELECT unit_id, area_id, housing_type, date_trunc('month', created_day::timestamp)::date AS created_month, count(*)::bigint AS eligible
  FROM indicator_recipient_fact r WHERE r.eligible AND %s
  GROUP BY 1, 2, 3, 4`;

/**
 * The day from which an action's part in action closure no longer depends on "as of" (the action fact's
 * generated `settle_day`): its due date if open; if done, the later of due and closed (never, if done with no
 * date). As of any later day it counts in the denominator, and in the numerator when closed by its due date.
 */
const SETTLE_DAY = `CASE WHEN a.status = 'done'
    THEN CASE WHEN a.closed_at IS NULL THEN '-infinity'::date ELSE greatest(a.due_date, indicator_local_day(a.closed_at)) END
    ELSE a.due_date END`;

/** ACTION_FACT_ROWS with the settle day. */
export const ACTION_FACT_ROWS_SETTLED = (() => {
  const rows = ACTION_FACT_ROWS.replace('closed_at, found_at)', 'closed_at, found_at, settle_day)').replace('ir.found_at\n', `ir.found_at, ${SETTLE_DAY}\n`);
  if ((rows.match(/settle_day|'-infinity'/g) ?? []).length !== 2) throw new Error('ACTION_FACT_ROWS changed: add the settle day anew');
  return rows;
})();

/** The closure cells of the recipients selected (%s: condition on a): settled actions by due period, cell and month settled. */
const CLOSURE_CELLS = `
  SELECT g.grain, date_trunc(g.grain, a.due_date::timestamp)::date AS period_start, a.unit_id, a.area_id, a.housing_type,
         date_trunc('month', a.settle_day::timestamp)::date AS settled_month,
         count(*)::bigint AS counted,
         count(*) FILTER (WHERE a.status = 'done' AND indicator_local_day(a.closed_at) <= a.due_date)::bigint AS on_time
  FROM indicator_action_fact a CROSS JOIN ${GRAINS}
  WHERE a.status IN ('open', 'done') AND a.due_date IS NOT NULL AND %s
  GROUP BY 1, 2, 3, 4, 5, 6`;

export interface CellTable {
  table: string;
  keys: string[];
  counts: string[];
  /** The cells of the recipients selected; its conditions are filled in by `cellsOf`. */
  query: string;
}

export const CELL_TABLES: CellTable[] = [
  { table: 'indicator_review_cell', keys: REVIEW_CELL_COLUMNS.split(', '), counts: REVIEW_CELL_COUNTS, query: REVIEW_CELLS },
  { table: 'indicator_coverage_cell', keys: ['grain', 'period_start', 'unit_id', 'area_id', 'housing_type'], counts: ['covered'], query: COVERAGE_CELLS },
  { table: 'indicator_eligible_cell', keys: ['unit_id', 'area_id', 'housing_type', 'created_month'], counts: ['eligible'], query: ELIGIBLE_CELLS },
  {
    table: 'indicator_closure_cell',
    keys: ['grain', 'period_start', 'unit_id', 'area_id', 'housing_type', 'settled_month'],
    counts: ['counted', 'on_time'],
    query: CLOSURE_CELLS,
  },
];

/** A cell query for the recipients `$1` (or all, `NULL`), as text for `format` inside plpgsql. */
export const cellsOf = (t: CellTable, all: boolean) =>
  t.table === 'indicator_review_cell'
    ? t.query.replace(/%1\$s/g, all ? 'true' : 'f.recipient_id = ANY ($1)').replace(/%2\$s/g, all ? 'true' : 'k.recipient_id = ANY ($1)')
    : t.query.replace(/%s/g, all ? 'true' : `${t.table === 'indicator_closure_cell' ? 'a' : 'r'}.recipient_id = ANY ($1)`);

/**
 * New contributions minus the old ones ($2, taken before the facts were recomputed), added to the cells in key
 * order: the only rows two refreshes both lock, always locked in the same order.
 */
export const applyDelta = (t: CellTable) => `
  INSERT INTO ${t.table} AS t (${t.keys.join(', ')}, ${t.counts.join(', ')})
  SELECT ${t.keys.join(', ')}, ${t.counts.map((c) => `sum(${c})`).join(', ')}
  FROM (
    SELECT * FROM (${cellsOf(t, false)}) n
    UNION ALL
    SELECT ${t.keys.join(', ')}, ${t.counts.map((c) => `-${c}`).join(', ')} FROM unnest($2::${t.table}[])
  ) d
  GROUP BY ${t.keys.join(', ')}
  HAVING ${t.counts.map((c) => `sum(${c}) <> 0`).join(' OR ')}
  ORDER BY ${t.keys.join(', ')}
  ON CONFLICT (${t.keys.join(', ')}) DO UPDATE SET ${t.counts.map((c) => `${c} = t.${c} + EXCLUDED.${c}`).join(', ')}`;

/** More recipients than this in one refresh lock the tables instead of each recipient. */
const MAX_RECIPIENT_LOCKS = 1000;

const FACT_TABLES = 'indicator_review_fact, indicator_risk_fact, indicator_action_fact';
const CELL_STORE = 'indicator_recipient_fact, indicator_split, indicator_review_cell, indicator_coverage_cell, indicator_eligible_cell, indicator_closure_cell';

/**
 * A refresh of some recipients (none: nothing to do) takes a transaction lock per recipient, in one order, or
 * for a bulk write one lock on the tables (1765200000000 shares it).
 */
export const LOCK_RECIPIENTS = `IF cardinality(p_recipients) = 0 THEN RETURN; END IF;
      IF cardinality(p_recipients) > ${MAX_RECIPIENT_LOCKS} THEN
        -- A bulk write (a load, a template version moved): one lock against every other refresh, where a lock
        -- per recipient would fill PostgreSQL's lock table (max_locks_per_transaction, 64 per connection).
        LOCK TABLE ${FACT_TABLES}, ${CELL_STORE} IN SHARE ROW EXCLUSIVE MODE;
      ELSE
        FOR lock_key IN SELECT DISTINCT hashtext(r::text) FROM unnest(p_recipients) r ORDER BY 1 LOOP
          PERFORM pg_advisory_xact_lock(${FACT_LOCK_CLASS}, lock_key);
        END LOOP;
      END IF;`;

/** The full rebuild's start: every refresh locked out, every fact and cell gone (1765200000000 shares it). */
export const CLEAR_ALL = `LOCK TABLE ${FACT_TABLES}, ${CELL_STORE} IN SHARE ROW EXCLUSIVE MODE;
      DELETE FROM indicator_action_fact;
      DELETE FROM indicator_risk_fact;
      DELETE FROM indicator_review_fact;
      DELETE FROM indicator_split;
      DELETE FROM indicator_recipient_fact;
      ${CELL_TABLES.map((t) => `DELETE FROM ${t.table};`).join('\n      ')}`;

/** `indicator_fact_refresh` as this migration makes it (1765200000000 restores it on the way down). */
export const REFRESH = `
  CREATE OR REPLACE FUNCTION indicator_fact_refresh(p_recipients uuid[]) RETURNS void LANGUAGE plpgsql SET jit = off AS $fn$
  DECLARE
    cond text := CASE WHEN p_recipients IS NULL THEN 'true' ELSE 'r.recipient_id = ANY ($1)' END;
    lock_key integer;
    ${CELL_TABLES.map((t) => `old_${t.table} ${t.table}[];`).join('\n    ')}
  BEGIN
    IF p_recipients IS NULL THEN
      ${CLEAR_ALL}
    ELSE
      ${LOCK_RECIPIENTS}
      -- What the recipients count for now, to be taken out of the cells below.
      ${CELL_TABLES.map(
        (t) => `EXECUTE ${sqlText(`SELECT ARRAY(SELECT ROW(c.*)::${t.table} FROM (${cellsOf(t, false)}) c)`)} INTO old_${t.table} USING p_recipients;`,
      ).join('\n      ')}
      DELETE FROM indicator_risk_fact WHERE recipient_id = ANY (p_recipients);
      DELETE FROM indicator_review_fact WHERE recipient_id = ANY (p_recipients);
      DELETE FROM indicator_action_fact WHERE recipient_id = ANY (p_recipients);
      DELETE FROM indicator_split WHERE recipient_id = ANY (p_recipients);
      DELETE FROM indicator_recipient_fact WHERE recipient_id = ANY (p_recipients);
    END IF;
    EXECUTE format(${sqlText(REVIEW_FACT_ROWS)}, cond) USING p_recipients;
    EXECUTE format(${sqlText(RISK_FACT_ROWS)}, cond) USING p_recipients;
    EXECUTE format(${sqlText(ACTION_FACT_ROWS_SETTLED)}, cond) USING p_recipients;
    EXECUTE format(${sqlText(RECIPIENT_FACT_ROWS)}, CASE WHEN p_recipients IS NULL THEN 'true' ELSE 'c.id = ANY ($1)' END) USING p_recipients;
    EXECUTE format(${sqlText(SPLIT_ROWS)}, CASE WHEN p_recipients IS NULL THEN 'true' ELSE 'f.recipient_id = ANY ($1)' END,
                   CASE WHEN p_recipients IS NULL THEN 'true' ELSE 'k.recipient_id = ANY ($1)' END) USING p_recipients;
    IF p_recipients IS NULL THEN
      ${CELL_TABLES.map((t) => `INSERT INTO ${t.table} (${t.keys.join(', ')}, ${t.counts.join(', ')}) ${cellsOf(t, true)};`).join('\n      ')}
    ELSE
      ${CELL_TABLES.map((t) => `EXECUTE ${sqlText(applyDelta(t))} USING p_recipients, old_${t.table};`).join('\n      ')}
    END IF;
  END
  $fn$`;

/** The output group of a row of the cell tables (a key not grouped by is NULL). */
const GROUP_OF = (alias: string) => `
  CASE WHEN p_by_unit THEN ${alias}.unit_id END AS g_unit,
  CASE WHEN p_by_area THEN ${alias}.area_id END AS g_area,
  CASE WHEN p_by_housing THEN ${alias}.housing_type END AS g_housing`;
const IN_SCOPE = (alias: string) => `
  ${alias}.unit_id = ANY (p_units)
  AND (p_areas IS NULL OR ${alias}.area_id = ANY (p_areas))
  AND (p_housing IS NULL OR ${alias}.housing_type = ANY (p_housing))`;
const IN_PERIODS = (alias: string) => `${alias}.grain = p_cell_grain AND ${alias}.period_start >= p_from AND ${alias}.period_start < p_to`;
const SAME_GROUP = (a: string, b: string) => `
  ${a}.period_start = ${b}.period_start AND ${a}.g_unit IS NOT DISTINCT FROM ${b}.g_unit
  AND ${a}.g_area IS NOT DISTINCT FROM ${b}.g_area AND ${a}.g_housing IS NOT DISTINCT FROM ${b}.g_housing`;

/**
 * A share of risks, per category and in total, summed from the cells' risk counts (ROLLUP_QUERY's from rk, whose
 * rows with a zero denominator make no group: hence HAVING). `byDefault`: computed when no list is asked for.
 */
const riskShare = (indicator: string, numerator: string, denominator: string, byDefault: boolean) => `
  ${indicator} AS (
    SELECT '${indicator}'::text, category, period_start, g_unit, g_area, g_housing, sum(${numerator})::bigint, sum(${denominator})::bigint
    FROM counted
    WHERE category <> '' AND (${byDefault ? 'p_indicators IS NULL OR ' : ''}'${indicator}' = ANY (p_indicators))
    GROUP BY GROUPING SETS ((period_start, g_unit, g_area, g_housing, category), (period_start, g_unit, g_area, g_housing))
    HAVING sum(${denominator}) > 0
  )`;

/**
 * The review indicators from the cells, for periods that are whole calendar periods of `p_cell_grain`: the
 * same rows as ROLLUP_QUERY's coverage, acceptance, prevalence and risk sums (the rollup test compares both
 * with the raw definition). Each part names the part of ROLLUP_QUERY it replaces.
 */
const CELL_QUERY = `
  WITH
  buckets AS (
    SELECT b::date AS period_start,
           CASE WHEN p_grain IS NULL THEN p_to ELSE LEAST((b + indicator_grain_step(p_grain))::date, p_to) END AS period_end
    FROM generate_series(p_from::timestamp, p_to::timestamp - interval '1 day',
                         CASE WHEN p_grain IS NULL THEN (p_to - p_from) * interval '1 day' ELSE indicator_grain_step(p_grain) END) b
  ),
  -- rv and rk, summed per output group and category ('' for the recipient-level counts).
  summed AS (
    SELECT c.period_start, ${GROUP_OF('c')}, c.category,
           ${REVIEW_CELL_COUNTS.map((n) => `sum(c.${n})::bigint AS ${n}`).join(', ')}
    FROM indicator_review_cell c
    WHERE ${IN_PERIODS('c')} AND ${IN_SCOPE('c')}
    GROUP BY 1, 2, 3, 4, 5
  ),
  split AS (
    SELECT s.period_start, ${GROUP_OF('s')}, s.recipient_id, s.completed, s.categories
    FROM indicator_split s
    WHERE ${IN_PERIODS('s')} AND ${IN_SCOPE('s')}
  ),
  -- A recipient in n cells of one group was counted n times there: the surplus, per group and category.
  surplus AS (
    SELECT period_start, g_unit, g_area, g_housing, ''::text AS category,
           sum(cells - 1) AS offered, sum(greatest(completed - 1, 0)) AS completed, sum(greatest(with_risk - 1, 0)) AS with_risk
    FROM (SELECT period_start, g_unit, g_area, g_housing, recipient_id, count(*) AS cells,
                 count(*) FILTER (WHERE completed) AS completed, count(*) FILTER (WHERE cardinality(categories) > 0) AS with_risk
          FROM split GROUP BY 1, 2, 3, 4, 5) r
    GROUP BY 1, 2, 3, 4
    UNION ALL
    SELECT period_start, g_unit, g_area, g_housing, category, 0, 0, sum(cells - 1)
    FROM (SELECT period_start, g_unit, g_area, g_housing, recipient_id, category, count(*) AS cells
          FROM split CROSS JOIN LATERAL unnest(categories) category GROUP BY 1, 2, 3, 4, 5, 6) r
    GROUP BY 1, 2, 3, 4, 5
  ),
  counted AS (
    SELECT s.period_start, s.g_unit, s.g_area, s.g_housing, s.category,
           s.offered - coalesce(x.offered, 0) AS offered, s.completed - coalesce(x.completed, 0) AS completed,
           s.with_risk - coalesce(x.with_risk, 0) AS with_risk,
           s.risks, s.with_action, s.with_done_action, s.prev_risks, s.resolved, s.next_risks, s.new_risks
    FROM summed s LEFT JOIN surplus x ON ${SAME_GROUP('x', 's')} AND x.category = s.category
  ),

  -- eligible and offered: eligible recipients registered before each period ends, and those of them offered a review in it.
  eligible AS (
    SELECT b.period_start, ${GROUP_OF('e')}, sum(e.eligible) AS n
    FROM buckets b JOIN indicator_eligible_cell e ON e.created_month < b.period_end
    WHERE (p_indicators IS NULL OR 'coverage' = ANY (p_indicators)) AND ${IN_SCOPE('e')}
    GROUP BY 1, 2, 3, 4
    HAVING sum(e.eligible) > 0
  ),
  covered AS (
    SELECT c.period_start, ${GROUP_OF('c')}, sum(c.covered) AS n
    FROM indicator_coverage_cell c
    WHERE (p_indicators IS NULL OR 'coverage' = ANY (p_indicators)) AND ${IN_PERIODS('c')} AND ${IN_SCOPE('c')}
    GROUP BY 1, 2, 3, 4
  ),
  coverage AS (
    SELECT 'coverage'::text AS indicator, NULL::text AS category, e.period_start, e.g_unit, e.g_area, e.g_housing,
           coalesce(c.n, 0)::bigint AS numerator, e.n::bigint AS denominator
    FROM eligible e LEFT JOIN covered c ON ${SAME_GROUP('c', 'e')}
  ),

  acceptance AS (
    SELECT 'acceptance'::text, NULL::text, period_start, g_unit, g_area, g_housing, completed, offered
    FROM counted
    WHERE category = '' AND offered > 0 AND (p_indicators IS NULL OR 'acceptance' = ANY (p_indicators))
  ),

  done_groups AS (SELECT period_start, g_unit, g_area, g_housing, completed AS n FROM counted WHERE category = '' AND completed > 0),
  categories AS (SELECT DISTINCT category FROM counted WHERE category <> '' AND risks > 0 UNION ALL SELECT NULL),
  prevalence AS (
    SELECT 'risk_prevalence'::text, c.category, g.period_start, g.g_unit, g.g_area, g.g_housing, coalesce(w.with_risk, 0), g.n
    FROM done_groups g CROSS JOIN categories c
    LEFT JOIN counted w ON ${SAME_GROUP('w', 'g')} AND w.category = coalesce(c.category, '')
    WHERE p_indicators IS NULL OR 'risk_prevalence' = ANY (p_indicators)
  ),

  ${riskShare('risks_with_action', 'with_action', 'risks', true)},
  ${riskShare('risks_with_action_done', 'with_done_action', 'risks', false)},
  ${riskShare('risks_resolved_by_next_review', 'resolved', 'prev_risks', true)},
  ${riskShare('new_risks_at_next_review', 'new_risks', 'next_risks', false)},

  -- closure: the actions settled before the month of "as of" from the cells; the rest (settled since, or not
  -- yet) one by one, by the rule of ROLLUP_QUERY's closure.
  as_of AS (SELECT indicator_local_day(p_as_of) AS day, date_trunc('month', indicator_local_day(p_as_of)::timestamp)::date AS month),
  closure_parts AS (
    SELECT c.period_start, ${GROUP_OF('c')}, c.on_time AS numerator, c.counted AS denominator
    FROM indicator_closure_cell c, as_of
    WHERE (p_indicators IS NULL OR 'action_closure' = ANY (p_indicators))
      AND ${IN_PERIODS('c')} AND ${IN_SCOPE('c')} AND c.settled_month < as_of.month
    UNION ALL
    SELECT indicator_bucket(a.due_date, p_grain, p_from), ${GROUP_OF('a')},
           (a.status = 'done' AND indicator_local_day(a.closed_at) < as_of.day AND indicator_local_day(a.closed_at) <= a.due_date)::int,
           ((a.status = 'done' AND (a.closed_at IS NULL OR indicator_local_day(a.closed_at) < as_of.day)) OR a.due_date < as_of.day)::int
    FROM indicator_action_fact a, as_of
    WHERE (p_indicators IS NULL OR 'action_closure' = ANY (p_indicators))
      AND ${IN_SCOPE('a')} AND a.settle_day >= as_of.month
      AND a.status IN ('open', 'done') AND a.due_date >= p_from AND a.due_date < p_to
  ),
  closure AS (
    SELECT 'action_closure'::text, NULL::text, period_start, g_unit, g_area, g_housing, sum(numerator)::bigint, sum(denominator)::bigint
    FROM closure_parts
    GROUP BY period_start, g_unit, g_area, g_housing
    HAVING sum(denominator) > 0
  ),

  shares AS (
    SELECT * FROM coverage UNION ALL SELECT * FROM acceptance UNION ALL SELECT * FROM prevalence
    UNION ALL SELECT * FROM risks_with_action UNION ALL SELECT * FROM closure UNION ALL SELECT * FROM risks_resolved_by_next_review
    UNION ALL SELECT * FROM risks_with_action_done UNION ALL SELECT * FROM new_risks_at_next_review
  )
  SELECT s.indicator, s.category, s.period_start, s.g_unit, s.g_area, s.g_housing, s.numerator::bigint, s.denominator::bigint,
         s.numerator::double precision / nullif(s.denominator, 0)
  FROM shares s
`;

/** The indicator read from the action facts whatever the periods: a median does not add up from counts. */
const ACTION_INDICATORS = `ARRAY['median_days_to_close']`;

const INDICATOR_VALUES = `
  CREATE OR REPLACE FUNCTION indicator_values(${SIGNATURE})
  RETURNS ${RETURNS}
  LANGUAGE plpgsql STABLE SET jit = off AS $fn$
  DECLARE
    cell_grain text;
    actions text[];
  BEGIN
    -- The grain whose cells hold exactly the periods asked for: p_grain when the range is whole periods of it,
    -- or, for one period, the calendar month, quarter or year it is.
    IF p_to > p_from THEN
      IF p_grain IS NOT NULL THEN
        IF p_from = date_trunc(p_grain, p_from::timestamp)::date AND p_to = date_trunc(p_grain, p_to::timestamp)::date THEN
          cell_grain := p_grain;
        END IF;
      ELSE
        SELECT g.grain INTO cell_grain FROM ${GRAINS}
        WHERE p_from = date_trunc(g.grain, p_from::timestamp)::date AND p_to = (p_from + g.step)::date;
      END IF;
    END IF;
    IF cell_grain IS NULL THEN
      RETURN QUERY EXECUTE ${sqlText(ROLLUP_EXECUTABLE)}
        USING p_from, p_to, p_grain, p_units, p_areas, p_housing, p_by_unit, p_by_area, p_by_housing, p_as_of, p_indicators;
      RETURN;
    END IF;
    RETURN QUERY EXECUTE ${sqlText(positional(CELL_QUERY))}
      USING p_from, p_to, p_grain, p_units, p_areas, p_housing, p_by_unit, p_by_area, p_by_housing, p_as_of, p_indicators, cell_grain;
    actions := ARRAY(SELECT unnest(coalesce(p_indicators, ${ACTION_INDICATORS})) INTERSECT SELECT unnest(${ACTION_INDICATORS}));
    IF cardinality(actions) > 0 THEN
      RETURN QUERY EXECUTE ${sqlText(ROLLUP_EXECUTABLE)}
        USING p_from, p_to, p_grain, p_units, p_areas, p_housing, p_by_unit, p_by_area, p_by_housing, p_as_of, actions;
    END IF;
  END
  $fn$`;

const WORK_LIST_SIGNATURE = `p_from date, p_to date, p_units uuid[], p_areas uuid[], p_housing text[]`;

/**
 * The coverage work list from the recipient facts: an eligible recipient last offered a review before the period
 * (or never) was not offered one in it, and one last offered in it was; only one last offered after the period
 * (a period in the past) is looked up in the review facts. The dashboard's current period needs no lookup.
 */
const workList = (lastOffered: boolean) => `
  CREATE OR REPLACE FUNCTION indicator_work_list(${WORK_LIST_SIGNATURE})
  RETURNS TABLE (recipient_id uuid, last_offered_at timestamptz)
  LANGUAGE sql STABLE SET jit = off AS $fn$
  ${
    lastOffered
      ? `SELECT r.recipient_id, r.last_offered_at
         FROM indicator_recipient_fact r
         WHERE r.eligible AND r.unit_id = ANY (p_units)
           AND (p_areas IS NULL OR r.area_id = ANY (p_areas))
           AND (p_housing IS NULL OR r.housing_type = ANY (p_housing))
           AND r.created_day < p_to
           AND (r.last_offered_day IS NULL OR r.last_offered_day < p_from
                OR (r.last_offered_day >= p_to
                    AND NOT EXISTS (SELECT 1 FROM indicator_review_fact f
                                    WHERE f.recipient_id = r.recipient_id AND f.offered_day >= p_from AND f.offered_day < p_to)))`
      : `SELECT e.id, (SELECT max(r.offered_at) FROM review r WHERE r.recipient_id = e.id)
         FROM indicator_eligible_recipients(p_units, p_areas, p_housing) e
         WHERE e.created_at < indicator_instant(p_to)
           AND NOT EXISTS (SELECT 1 FROM indicator_review_fact f
                           WHERE f.recipient_id = e.id AND f.offered_day >= p_from AND f.offered_day < p_to)`
  }
  $fn$`;

/** The rollup's indicator_values, as 1765050000000 made it (for down). */
const ROLLUP_INDICATOR_VALUES = `
  CREATE OR REPLACE FUNCTION indicator_values(${SIGNATURE})
  RETURNS ${RETURNS}
  LANGUAGE plpgsql STABLE SET jit = off AS $fn$
  BEGIN
    RETURN QUERY EXECUTE ${sqlText(ROLLUP_EXECUTABLE)}
      USING p_from, p_to, p_grain, p_units, p_areas, p_housing, p_by_unit, p_by_area, p_by_housing, p_as_of, p_indicators;
  END
  $fn$`;

/** The recipient columns the cells depend on: its cell, its registration, whether it is due a review. */
const WATCHED_RECIPIENT_COLUMNS = ['unit_id', 'area_id', 'housing_type', 'created_at', 'active', 'ordinary_housing'];

/** The trigger function that marks the recipients whose `watched` columns a statement changed. */
const recipientTrigger = (watched: string[]) => `
  CREATE OR REPLACE FUNCTION indicator_fact_on_recipient() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    IF TG_OP = 'DELETE' THEN
      PERFORM indicator_fact_mark(ARRAY(SELECT id FROM old_rows));
    ELSIF TG_OP = 'INSERT' THEN
      PERFORM indicator_fact_mark(ARRAY(SELECT id FROM new_rows));
    ELSE
      PERFORM indicator_fact_mark(ARRAY(
        SELECT n.id FROM new_rows n LEFT JOIN old_rows o ON o.id = n.id
        WHERE (${watched.map((c) => `o.${c}`).join(', ')}) IS DISTINCT FROM (${watched.map((c) => `n.${c}`).join(', ')})
        UNION SELECT o.id FROM old_rows o WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.id = o.id)));
    END IF;
    RETURN NULL;
  END
  $fn$`;

export class IndicatorCells1765120000000 implements MigrationInterface {
  name = 'IndicatorCells1765120000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE indicator_recipient_fact (
        recipient_id uuid PRIMARY KEY,
        unit_id uuid NOT NULL,
        area_id uuid NOT NULL,
        housing_type text NOT NULL,
        created_day date NOT NULL,
        eligible boolean NOT NULL,
        last_offered_at timestamptz,
        last_offered_day date
      );
      CREATE INDEX indicator_recipient_fact_unit_idx ON indicator_recipient_fact (unit_id) WHERE eligible;
      CREATE TABLE indicator_split (
        grain text NOT NULL,
        period_start date NOT NULL,
        recipient_id uuid NOT NULL,
        unit_id uuid NOT NULL,
        area_id uuid NOT NULL,
        housing_type text NOT NULL,
        completed boolean NOT NULL,
        categories text[] NOT NULL,
        PRIMARY KEY (grain, period_start, recipient_id, unit_id, area_id)
      );
      CREATE INDEX indicator_split_recipient_idx ON indicator_split (recipient_id);
      CREATE INDEX indicator_split_unit_idx ON indicator_split (unit_id, grain, period_start);
      CREATE TABLE indicator_review_cell (
        grain text NOT NULL,
        period_start date NOT NULL,
        unit_id uuid NOT NULL,
        area_id uuid NOT NULL,
        housing_type text NOT NULL,
        category text NOT NULL,
        ${REVIEW_CELL_COUNTS.map((c) => `${c} bigint NOT NULL`).join(',\n        ')},
        PRIMARY KEY (grain, period_start, unit_id, area_id, housing_type, category)
      );
      CREATE INDEX indicator_review_cell_unit_idx ON indicator_review_cell (unit_id, grain, period_start);
      CREATE TABLE indicator_coverage_cell (
        grain text NOT NULL,
        period_start date NOT NULL,
        unit_id uuid NOT NULL,
        area_id uuid NOT NULL,
        housing_type text NOT NULL,
        covered bigint NOT NULL,
        PRIMARY KEY (grain, period_start, unit_id, area_id, housing_type)
      );
      CREATE INDEX indicator_coverage_cell_unit_idx ON indicator_coverage_cell (unit_id, grain, period_start);
      CREATE TABLE indicator_closure_cell (
        grain text NOT NULL,
        period_start date NOT NULL,
        unit_id uuid NOT NULL,
        area_id uuid NOT NULL,
        housing_type text NOT NULL,
        settled_month date NOT NULL,
        counted bigint NOT NULL,
        on_time bigint NOT NULL,
        PRIMARY KEY (grain, period_start, unit_id, area_id, housing_type, settled_month)
      );
      CREATE INDEX indicator_closure_cell_unit_idx ON indicator_closure_cell (unit_id, grain, period_start);
      ALTER TABLE indicator_action_fact ADD COLUMN settle_day date;
      -- The dashboard's action reads by index alone (autovacuum keeps the visibility map): the open backlog, the
      -- actions not yet settled, and the closed ones of the median.
      DROP INDEX indicator_action_fact_unit_due_idx;
      DROP INDEX indicator_action_fact_unit_closed_idx;
      CREATE INDEX indicator_action_fact_open_idx ON indicator_action_fact (unit_id, due_date) INCLUDE (area_id, housing_type) WHERE status = 'open';
      CREATE INDEX indicator_action_fact_unit_due_idx ON indicator_action_fact (unit_id, due_date) INCLUDE (status, closed_at, area_id, housing_type);
      CREATE INDEX indicator_action_fact_unit_settle_idx ON indicator_action_fact (unit_id, settle_day) INCLUDE (status, due_date, closed_at, area_id, housing_type);
      CREATE INDEX indicator_action_fact_unit_closed_idx ON indicator_action_fact (unit_id, closed_at) INCLUDE (found_at, area_id, housing_type)
        WHERE status = 'done' AND found_at IS NOT NULL;
      CREATE TABLE indicator_eligible_cell (
        unit_id uuid NOT NULL,
        area_id uuid NOT NULL,
        housing_type text NOT NULL,
        created_month date NOT NULL,
        eligible bigint NOT NULL,
        PRIMARY KEY (unit_id, area_id, housing_type, created_month)
      );
    `);
    await q.query(REFRESH);
    await q.query(recipientTrigger(WATCHED_RECIPIENT_COLUMNS));
    await q.query(`
      CREATE TRIGGER indicator_fact_recipient_insert AFTER INSERT ON care_recipient REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION indicator_fact_on_recipient();
    `);
    await q.query(`SELECT indicator_fact_refresh(NULL)`);
    await q.query(`ANALYZE ${FACT_TABLES}, ${CELL_STORE}`);
    await q.query(INDICATOR_VALUES);
    await q.query(workList(true));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(workList(false));
    await q.query(ROLLUP_INDICATOR_VALUES);
    await q.query(`DROP TRIGGER indicator_fact_recipient_insert ON care_recipient`);
    await q.query(recipientTrigger(['housing_type']));
    await q.query(FACT_REFRESH.replace('CREATE FUNCTION', 'CREATE OR REPLACE FUNCTION'));
    await q.query(`DROP TABLE ${CELL_STORE}`);
    await q.query(`
      DROP INDEX indicator_action_fact_open_idx, indicator_action_fact_unit_due_idx, indicator_action_fact_unit_settle_idx, indicator_action_fact_unit_closed_idx;
      ALTER TABLE indicator_action_fact DROP COLUMN settle_day;
      CREATE INDEX indicator_action_fact_unit_due_idx ON indicator_action_fact (unit_id, due_date);
      CREATE INDEX indicator_action_fact_unit_closed_idx ON indicator_action_fact (unit_id, closed_at);
    `);
  }
}
