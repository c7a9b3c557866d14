import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The indicators read pre-aggregated facts kept current on write (issue 9, the dashboard at 1,000,000 reviews).
 *
 * The one definition stays: the function that computed every indicator from the raw tables is kept, unchanged,
 * as `indicator_values_raw` (same signature), the reference the rollup is tested against (indicators/
 * indicator-rollup.test.ts asserts equal multisets for random data, writes and parameters on both databases).
 * `indicator_values` now reads two fact tables:
 * - `indicator_review_fact`: one row per review (every status) with what the indicators group and filter by:
 *   recipient, unit and area where it was made, the recipient's housing type now, the Swedish day it was
 *   offered, status, template and performed_at. Indexed so that one unit's year is one range (unit, day), and
 *   a recipient's reviews another (recipient, day: coverage).
 * - `indicator_risk_fact`: one row per completed review and risk category, with that review's risks of the
 *   category, those with an action and with an action done, and, against the same recipient's previous
 *   completed review of the same template, the risks there (by their category) and how many were resolved,
 *   and the risks here when there is a previous review and how many are new. All of these are additive;
 *   distinct-recipient counts (acceptance, prevalence, coverage) are counted at read time from the per-review
 *   rows, so a recipient with two reviews in a quarter counts once, and one who moved counts in each unit but
 *   once in the administration, exactly as the raw definition counts them.
 * - `indicator_action_fact`: one row per follow-up action with its unit, its review's area, the recipient's
 *   housing type now, status, due date, closed_at and the instant its risk was found (action closure and the
 *   median), indexed by (unit, due date) and (unit, closed_at).
 * The backfill writes the facts in (unit, day) order, so that one unit's year lies together on disk too.
 *
 * Exactness on write: every table the facts are derived from has statement-level triggers (with transition
 * tables, so a bulk COPY or a multi-row write marks once) that mark the care recipients the statement touched,
 * and a deferred trigger recomputes every fact of the marked recipients once, at COMMIT
 * (`indicator_fact_refresh`): review, identified_risk, follow_up_action, care_recipient (housing type),
 * template_version (template). The dashboard's backlog and work list read the facts too (raw kept as *_raw). Recomputing a recipient whole keeps "the previous review"
 * right whatever changed (a review inserted between two, a status changed, one erased). The migration
 * backfills the facts.
 *
 * Both functions run their query with EXECUTE, planned with the call's values (a LANGUAGE sql function with
 * SET is never inlined and was planned with generic parameters); JIT stays off (see 1764700000000).
 */

/** The first key of the per-recipient transaction locks of `indicator_fact_refresh` (its own lock class). */
export const FACT_LOCK_CLASS = 1_765_050;

export const PARAMS = ['p_from', 'p_to', 'p_grain', 'p_units', 'p_areas', 'p_housing', 'p_by_unit', 'p_by_area', 'p_by_housing', 'p_as_of', 'p_indicators'];
/** A query written with its parameters' names (p_…), as EXECUTE ... USING wants it: $1… in the order of `names`. */
export const positionalFor = (names: readonly string[]) => (sql: string) =>
  sql.replace(/\bp_[a-z_]+\b/g, (name) => {
    const i = names.indexOf(name);
    if (i < 0) throw new Error(`unknown parameter ${name}`);
    return `$${i + 1}`;
  });
/** The query below is written with the parameters' names; EXECUTE ... USING wants $1…$11. */
const positional = positionalFor(PARAMS);

export const SIGNATURE = `p_from date, p_to date, p_grain text, p_units uuid[], p_areas uuid[], p_housing text[],
        p_by_unit boolean, p_by_area boolean, p_by_housing boolean, p_as_of timestamptz, p_indicators text[]`;
const BACKLOG_SIGNATURE = `p_units uuid[], p_areas uuid[], p_housing text[], p_by_unit boolean, p_by_area boolean, p_by_housing boolean, p_as_of timestamptz`;
const WORK_LIST_SIGNATURE = `p_from date, p_to date, p_units uuid[], p_areas uuid[], p_housing text[]`;
export const RETURNS = `TABLE (indicator text, category text, period_start date, unit_id uuid, area_id uuid, housing_type text,
                     numerator bigint, denominator bigint, value double precision)`;

/** `indicator_values_raw`'s query over the facts; each part says which raw part it replaces. */
export const ROLLUP_QUERY = `
  WITH
  buckets AS (
    SELECT b::date AS period_start,
           CASE WHEN p_grain IS NULL THEN p_to ELSE LEAST((b + indicator_grain_step(p_grain))::date, p_to) END AS period_end
    FROM generate_series(p_from::timestamp, p_to::timestamp - interval '1 day',
                         CASE WHEN p_grain IS NULL THEN (p_to - p_from) * interval '1 day' ELSE indicator_grain_step(p_grain) END) b
  ),
  -- raw rv: reviews offered in the range, in the units asked for, placed where the review was made.
  rv AS (
    SELECT f.recipient_id, f.status,
           indicator_bucket(f.offered_day, p_grain, p_from) AS period_start,
           CASE WHEN p_by_unit THEN f.unit_id END AS g_unit,
           CASE WHEN p_by_area THEN f.area_id END AS g_area,
           CASE WHEN p_by_housing THEN f.housing_type END AS g_housing
    FROM indicator_review_fact f
    WHERE f.unit_id = ANY (p_units) AND f.offered_day >= p_from AND f.offered_day < p_to
      AND (p_areas IS NULL OR f.area_id = ANY (p_areas))
      AND (p_housing IS NULL OR f.housing_type = ANY (p_housing))
  ),
  done_groups AS (
    SELECT period_start, g_unit, g_area, g_housing, count(DISTINCT recipient_id) AS n
    FROM rv WHERE status = 'completed' GROUP BY period_start, g_unit, g_area, g_housing
  ),
  -- raw risk (and the pairs of reviews of follow_ups), per completed review and category.
  rk AS (
    SELECT k.recipient_id, k.category, k.risks, k.with_action, k.with_done_action, k.prev_risks, k.resolved,
           k.next_risks, k.new_risks,
           indicator_bucket(k.offered_day, p_grain, p_from) AS period_start,
           CASE WHEN p_by_unit THEN k.unit_id END AS g_unit,
           CASE WHEN p_by_area THEN k.area_id END AS g_area,
           CASE WHEN p_by_housing THEN k.housing_type END AS g_housing
    FROM indicator_risk_fact k
    WHERE k.unit_id = ANY (p_units) AND k.offered_day >= p_from AND k.offered_day < p_to
      AND (p_areas IS NULL OR k.area_id = ANY (p_areas))
      AND (p_housing IS NULL OR k.housing_type = ANY (p_housing))
  ),

  eligible AS (
    SELECT b.period_start, b.period_end, e.id,
           CASE WHEN p_by_unit THEN e.unit_id END AS g_unit,
           CASE WHEN p_by_area THEN e.area_id END AS g_area,
           CASE WHEN p_by_housing THEN e.housing_type END AS g_housing
    FROM buckets b
    JOIN indicator_eligible_recipients(p_units, p_areas, p_housing) e ON e.created_at < indicator_instant(b.period_end)
    WHERE p_indicators IS NULL OR 'coverage' = ANY (p_indicators)
  ),
  -- raw offered: the periods in which each eligible recipient was offered a review (anywhere), one range scan
  -- of a recipient's reviews instead of one probe per recipient and period.
  offered AS (
    SELECT DISTINCT b.period_start, f.recipient_id AS id
    FROM (SELECT DISTINCT id FROM eligible) e
    JOIN indicator_review_fact f ON f.recipient_id = e.id AND f.offered_day >= p_from AND f.offered_day < p_to
    JOIN buckets b ON f.offered_day >= b.period_start AND f.offered_day < b.period_end
  ),
  coverage AS (
    SELECT 'coverage'::text AS indicator, NULL::text AS category, e.period_start, e.g_unit, e.g_area, e.g_housing,
           count(o.id) AS numerator, count(*) AS denominator
    FROM eligible e LEFT JOIN offered o ON o.period_start = e.period_start AND o.id = e.id
    GROUP BY e.period_start, e.g_unit, e.g_area, e.g_housing
  ),

  acceptance AS (
    SELECT 'acceptance'::text, NULL::text, period_start, g_unit, g_area, g_housing,
           count(DISTINCT recipient_id) FILTER (WHERE status = 'completed'), count(DISTINCT recipient_id)
    FROM rv
    WHERE p_indicators IS NULL OR 'acceptance' = ANY (p_indicators)
    GROUP BY period_start, g_unit, g_area, g_housing
  ),

  categories AS (SELECT DISTINCT category FROM rk WHERE risks > 0 UNION ALL SELECT NULL),
  with_risk AS (
    SELECT period_start, g_unit, g_area, g_housing, category, count(DISTINCT recipient_id) AS n
    FROM rk WHERE risks > 0
    GROUP BY GROUPING SETS ((period_start, g_unit, g_area, g_housing, category), (period_start, g_unit, g_area, g_housing))
  ),
  prevalence AS (
    SELECT 'risk_prevalence'::text, c.category, g.period_start, g.g_unit, g.g_area, g.g_housing, coalesce(w.n, 0), g.n
    FROM done_groups g CROSS JOIN categories c
    LEFT JOIN with_risk w ON w.period_start = g.period_start AND w.g_unit IS NOT DISTINCT FROM g.g_unit
      AND w.g_area IS NOT DISTINCT FROM g.g_area AND w.g_housing IS NOT DISTINCT FROM g.g_housing
      AND w.category IS NOT DISTINCT FROM c.category
    WHERE p_indicators IS NULL OR 'risk_prevalence' = ANY (p_indicators)
  ),

  risks_with_action AS (
    SELECT 'risks_with_action'::text, category, period_start, g_unit, g_area, g_housing, sum(with_action), sum(risks)
    FROM rk
    WHERE risks > 0 AND (p_indicators IS NULL OR 'risks_with_action' = ANY (p_indicators))
    GROUP BY GROUPING SETS ((period_start, g_unit, g_area, g_housing, category), (period_start, g_unit, g_area, g_housing))
  ),
  risks_with_action_done AS (
    SELECT 'risks_with_action_done'::text, category, period_start, g_unit, g_area, g_housing, sum(with_done_action), sum(risks)
    FROM rk
    WHERE risks > 0 AND 'risks_with_action_done' = ANY (p_indicators)
    GROUP BY GROUPING SETS ((period_start, g_unit, g_area, g_housing, category), (period_start, g_unit, g_area, g_housing))
  ),

  -- raw acts and closed_pairs, from the actions' facts (the action's unit, its review's area, the recipient's
  -- housing type, the instant its risk was found).
  acts AS (
    SELECT a.status, a.due_date, indicator_local_day(a.closed_at) AS closed_day,
           indicator_bucket(a.due_date, p_grain, p_from) AS period_start,
           CASE WHEN p_by_unit THEN a.unit_id END AS g_unit,
           CASE WHEN p_by_area THEN a.area_id END AS g_area,
           CASE WHEN p_by_housing THEN a.housing_type END AS g_housing
    FROM indicator_action_fact a
    WHERE (p_indicators IS NULL OR 'action_closure' = ANY (p_indicators))
      AND a.unit_id = ANY (p_units) AND a.status IN ('open', 'done')
      AND a.due_date >= p_from AND a.due_date < p_to
      AND (p_areas IS NULL OR a.area_id = ANY (p_areas))
      AND (p_housing IS NULL OR a.housing_type = ANY (p_housing))
  ),
  closure AS (
    SELECT 'action_closure'::text, NULL::text, period_start, g_unit, g_area, g_housing,
           count(*) FILTER (WHERE status = 'done' AND closed_day < indicator_local_day(p_as_of) AND closed_day <= due_date),
           count(*)
    FROM acts
    WHERE (status = 'done' AND (closed_day IS NULL OR closed_day < indicator_local_day(p_as_of))) OR due_date < indicator_local_day(p_as_of)
    GROUP BY period_start, g_unit, g_area, g_housing
  ),
  closed_pairs AS (
    SELECT greatest(0, extract(epoch FROM a.closed_at - a.found_at)::double precision * 1000) AS ms,
           indicator_bucket(indicator_local_day(a.closed_at), p_grain, p_from) AS period_start,
           CASE WHEN p_by_unit THEN a.unit_id END AS g_unit,
           CASE WHEN p_by_area THEN a.area_id END AS g_area,
           CASE WHEN p_by_housing THEN a.housing_type END AS g_housing
    FROM indicator_action_fact a
    WHERE (p_indicators IS NULL OR 'median_days_to_close' = ANY (p_indicators))
      AND a.unit_id = ANY (p_units) AND a.status = 'done' AND a.found_at IS NOT NULL
      AND a.closed_at >= indicator_instant(p_from) AND a.closed_at < indicator_instant(p_to) AND a.closed_at < p_as_of
      AND (p_areas IS NULL OR a.area_id = ANY (p_areas))
      AND (p_housing IS NULL OR a.housing_type = ANY (p_housing))
  ),
  median AS (
    SELECT 'median_days_to_close'::text, NULL::text, period_start, g_unit, g_area, g_housing, NULL::bigint, count(*),
           (round((percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) / 8640000)::numeric) / 10)::double precision
    FROM closed_pairs
    GROUP BY period_start, g_unit, g_area, g_housing
  ),

  resolved AS (
    SELECT 'risks_resolved_by_next_review'::text, category, period_start, g_unit, g_area, g_housing, sum(resolved), sum(prev_risks)
    FROM rk
    WHERE prev_risks > 0 AND (p_indicators IS NULL OR 'risks_resolved_by_next_review' = ANY (p_indicators))
    GROUP BY GROUPING SETS ((period_start, g_unit, g_area, g_housing, category), (period_start, g_unit, g_area, g_housing))
  ),
  new_risks AS (
    SELECT 'new_risks_at_next_review'::text, category, period_start, g_unit, g_area, g_housing, sum(new_risks), sum(next_risks)
    FROM rk
    WHERE next_risks > 0 AND 'new_risks_at_next_review' = ANY (p_indicators)
    GROUP BY GROUPING SETS ((period_start, g_unit, g_area, g_housing, category), (period_start, g_unit, g_area, g_housing))
  ),

  shares AS (
    SELECT * FROM coverage UNION ALL SELECT * FROM acceptance UNION ALL SELECT * FROM prevalence
    UNION ALL SELECT * FROM risks_with_action UNION ALL SELECT * FROM closure UNION ALL SELECT * FROM resolved
    UNION ALL SELECT * FROM risks_with_action_done UNION ALL SELECT * FROM new_risks
  )
  SELECT s.indicator, s.category, s.period_start, s.g_unit, s.g_area, s.g_housing, s.numerator::bigint, s.denominator::bigint,
         s.numerator::double precision / nullif(s.denominator, 0)
  FROM shares s
  UNION ALL
  SELECT * FROM median
`;

/** The facts of the reviews that %s selects (a condition on review r; $1 is an array of recipient ids). */
export const REVIEW_FACT_ROWS = `
  INSERT INTO indicator_review_fact (review_id, recipient_id, unit_id, area_id, housing_type, offered_day, status, template_id, performed_at)
  SELECT r.id, r.recipient_id, r.unit_id, r.area_id, c.housing_type, indicator_local_day(r.offered_at), r.status, v.template_id, r.performed_at
  FROM review r
  JOIN care_recipient c ON c.id = r.recipient_id
  JOIN template_version v ON v.id = r.template_version_id
  WHERE %s
  ORDER BY r.unit_id, indicator_local_day(r.offered_at)`;

/*
 * The previous completed review of the same recipient and template is lag() over (performed_at, id), the order
 * raw follow_ups takes the greatest (performed_at, id) below the review's own in.
 */
export const RISK_FACT_ROWS = `
  INSERT INTO indicator_risk_fact (review_id, category, recipient_id, unit_id, area_id, housing_type, offered_day,
                                   risks, with_action, with_done_action, prev_risks, resolved, next_risks, new_risks)
  WITH d AS (
    SELECT r.id, r.recipient_id, r.unit_id, r.area_id, c.housing_type, indicator_local_day(r.offered_at) AS offered_day,
           lag(r.id) OVER (PARTITION BY r.recipient_id, v.template_id ORDER BY r.performed_at, r.id) AS prev_id
    FROM review r
    JOIN care_recipient c ON c.id = r.recipient_id
    JOIN template_version v ON v.id = r.template_version_id
    WHERE r.status = 'completed' AND %s
  ),
  -- The review's risks, and the actions on each: joins the planner can run as hash joins for the rebuild of a
  -- million reviews and as index lookups for one recipient (correlated subqueries per risk were millions of
  -- probes in the rebuild). (review_id, item_key) is unique, so the LEFT JOINs to a review's risks add no rows.
  cur_risk AS (
    SELECT ir.id, ir.review_id, ir.category, ir.item_key, d.prev_id
    FROM d JOIN identified_risk ir ON ir.review_id = d.id
  ),
  act AS (
    SELECT a.risk_id, count(*) AS n, count(*) FILTER (WHERE a.status = 'done') AS n_done
    FROM cur_risk c JOIN follow_up_action a ON a.risk_id = c.id
    GROUP BY a.risk_id
  ),
  cur AS (
    SELECT c.review_id, c.category, count(*)::int AS risks,
           count(*) FILTER (WHERE act.n > 0)::int AS with_action,
           count(*) FILTER (WHERE act.n_done > 0)::int AS with_done_action,
           count(*) FILTER (WHERE c.prev_id IS NOT NULL)::int AS next_risks,
           count(*) FILTER (WHERE c.prev_id IS NOT NULL AND pr.review_id IS NULL)::int AS new_risks
    FROM cur_risk c
    LEFT JOIN act ON act.risk_id = c.id
    LEFT JOIN identified_risk pr ON pr.review_id = c.prev_id AND pr.item_key = c.item_key
    GROUP BY c.review_id, c.category
  ),
  prv AS (
    SELECT d.id AS review_id, pr.category, count(*)::int AS prev_risks,
           count(*) FILTER (WHERE nr.review_id IS NULL)::int AS resolved
    FROM d JOIN identified_risk pr ON pr.review_id = d.prev_id
    LEFT JOIN identified_risk nr ON nr.review_id = d.id AND nr.item_key = pr.item_key
    GROUP BY d.id, pr.category
  )
  SELECT review_id, category, d.recipient_id, d.unit_id, d.area_id, d.housing_type, d.offered_day,
         coalesce(cur.risks, 0), coalesce(cur.with_action, 0), coalesce(cur.with_done_action, 0),
         coalesce(prv.prev_risks, 0), coalesce(prv.resolved, 0), coalesce(cur.next_risks, 0), coalesce(cur.new_risks, 0)
  FROM cur FULL JOIN prv USING (review_id, category)
  JOIN d ON d.id = review_id
  ORDER BY d.unit_id, d.offered_day`;

/** The facts of the actions on the reviews that %s selects. */
export const ACTION_FACT_ROWS = `
  INSERT INTO indicator_action_fact (action_id, recipient_id, unit_id, area_id, housing_type, status, due_date, closed_at, found_at)
  SELECT a.id, r.recipient_id, a.unit_id, r.area_id, c.housing_type, a.status, a.due_date, a.closed_at, ir.found_at
  FROM follow_up_action a
  JOIN review r ON r.id = a.review_id
  JOIN care_recipient c ON c.id = r.recipient_id
  LEFT JOIN identified_risk ir ON ir.id = a.risk_id
  WHERE %s
  ORDER BY a.unit_id, a.due_date`;

export const sqlText = (s: string) => `$q$${s}$q$`;

/** `indicator_fact_refresh` as this migration makes it (1765120000000 restores it on the way down). */
export const FACT_REFRESH = `
      CREATE FUNCTION indicator_fact_refresh(p_recipients uuid[]) RETURNS void LANGUAGE plpgsql SET jit = off AS $fn$
      DECLARE
        cond text := CASE WHEN p_recipients IS NULL THEN 'true' ELSE 'r.recipient_id = ANY ($1)' END;
        lock_key integer;
      BEGIN
        IF p_recipients IS NULL THEN
          LOCK TABLE indicator_review_fact, indicator_risk_fact, indicator_action_fact IN SHARE ROW EXCLUSIVE MODE;
          DELETE FROM indicator_action_fact;
          DELETE FROM indicator_risk_fact;
          DELETE FROM indicator_review_fact;
        ELSE
          IF cardinality(p_recipients) = 0 THEN RETURN; END IF;
          FOR lock_key IN SELECT DISTINCT hashtext(r::text) FROM unnest(p_recipients) r ORDER BY 1 LOOP
            PERFORM pg_advisory_xact_lock(${FACT_LOCK_CLASS}, lock_key);
          END LOOP;
          DELETE FROM indicator_risk_fact WHERE recipient_id = ANY (p_recipients);
          DELETE FROM indicator_review_fact WHERE recipient_id = ANY (p_recipients);
          DELETE FROM indicator_action_fact WHERE recipient_id = ANY (p_recipients);
        END IF;
        EXECUTE format(${sqlText(REVIEW_FACT_ROWS)}, cond) USING p_recipients;
        EXECUTE format(${sqlText(RISK_FACT_ROWS)}, cond) USING p_recipients;
        EXECUTE format(${sqlText(ACTION_FACT_ROWS)}, cond) USING p_recipients;
      END
      $fn$;
    `;

export class IndicatorRollup1765050000000 implements MigrationInterface {
  name = 'IndicatorRollup1765050000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE indicator_review_fact (
        review_id uuid PRIMARY KEY,
        recipient_id uuid NOT NULL,
        unit_id uuid NOT NULL,
        area_id uuid NOT NULL,
        housing_type text NOT NULL,
        offered_day date NOT NULL,
        status text NOT NULL,
        template_id uuid NOT NULL,
        performed_at timestamptz
      );
      CREATE INDEX indicator_review_fact_unit_day_idx ON indicator_review_fact (unit_id, offered_day);
      CREATE INDEX indicator_review_fact_recipient_day_idx ON indicator_review_fact (recipient_id, offered_day);

      CREATE TABLE indicator_risk_fact (
        review_id uuid NOT NULL,
        category text NOT NULL,
        recipient_id uuid NOT NULL,
        unit_id uuid NOT NULL,
        area_id uuid NOT NULL,
        housing_type text NOT NULL,
        offered_day date NOT NULL,
        risks integer NOT NULL,
        with_action integer NOT NULL,
        with_done_action integer NOT NULL,
        prev_risks integer NOT NULL,
        resolved integer NOT NULL,
        next_risks integer NOT NULL,
        new_risks integer NOT NULL,
        PRIMARY KEY (review_id, category)
      );
      CREATE INDEX indicator_risk_fact_unit_day_idx ON indicator_risk_fact (unit_id, offered_day);
      CREATE INDEX indicator_risk_fact_recipient_idx ON indicator_risk_fact (recipient_id);

      CREATE TABLE indicator_action_fact (
        action_id uuid PRIMARY KEY,
        recipient_id uuid NOT NULL,
        unit_id uuid NOT NULL,
        area_id uuid NOT NULL,
        housing_type text NOT NULL,
        status text NOT NULL,
        due_date date,
        closed_at timestamptz,
        found_at timestamptz
      );
      CREATE INDEX indicator_action_fact_unit_due_idx ON indicator_action_fact (unit_id, due_date);
      CREATE INDEX indicator_action_fact_unit_closed_idx ON indicator_action_fact (unit_id, closed_at);
      CREATE INDEX indicator_action_fact_recipient_idx ON indicator_action_fact (recipient_id);
    `);

    // Recomputes every fact of the given care recipients (NULL: of everyone, the backfill).
    // Two transactions writing for the same recipient at once would each delete the facts the other cannot
    // see yet and insert them again (a duplicate key, which the batch then reported as a bad value): so a
    // refresh first takes a transaction lock per recipient, in one order (no deadlock between two refreshes),
    // and the next statements, each with a new snapshot, see what the other committed. The full rebuild
    // locks the fact tables against every refresh instead.
    await q.query(FACT_REFRESH);

    // A transaction's refresh waits for its commit: the triggers below mark the recipients a statement may have
    // changed, and one deferred trigger recomputes them all at COMMIT. A batch of reviews writes reviews, then
    // their risks, then the actions on them: refreshed at each statement, its recipients were recomputed three
    // times, and the first two were thrown away. Facts are therefore current for everyone from the commit on,
    // not inside the writing transaction itself (nothing reads indicators there).
    await q.query(`
      CREATE TABLE indicator_fact_pending (id bigserial PRIMARY KEY, recipient_ids uuid[] NOT NULL);
      CREATE FUNCTION indicator_fact_mark(p_recipients uuid[]) RETURNS void LANGUAGE sql AS $fn$
        INSERT INTO indicator_fact_pending (recipient_ids) SELECT p_recipients WHERE cardinality(p_recipients) > 0
      $fn$;
      -- Fires once per marking, at COMMIT: the first firing takes every mark of the transaction (only its own
      -- are visible: each transaction empties its marks before it commits), the rest find none.
      CREATE FUNCTION indicator_fact_flush() RETURNS trigger LANGUAGE plpgsql AS $fn$
      DECLARE
        recipients uuid[];
      BEGIN
        WITH taken AS (DELETE FROM indicator_fact_pending RETURNING recipient_ids)
        SELECT ARRAY(SELECT DISTINCT r FROM taken CROSS JOIN LATERAL unnest(taken.recipient_ids) r) INTO recipients;
        IF cardinality(recipients) > 0 THEN
          PERFORM indicator_fact_refresh(recipients);
        END IF;
        RETURN NULL;
      END
      $fn$;
      CREATE CONSTRAINT TRIGGER indicator_fact_pending_flush AFTER INSERT ON indicator_fact_pending
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION indicator_fact_flush();
    `);

    // The triggers: each marks the recipients whose facts a statement may have changed.
    await q.query(`
      CREATE FUNCTION indicator_fact_on_review() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          PERFORM indicator_fact_mark(ARRAY(SELECT DISTINCT recipient_id FROM new_rows));
        ELSIF TG_OP = 'DELETE' THEN
          PERFORM indicator_fact_mark(ARRAY(SELECT DISTINCT recipient_id FROM old_rows));
        ELSE
          -- Only the columns the facts hold or order by; answers, sync metadata and the like change nothing.
          PERFORM indicator_fact_mark(ARRAY(
            SELECT x.recipient_id
            FROM new_rows n JOIN old_rows o ON o.id = n.id
            CROSS JOIN LATERAL (VALUES (n.recipient_id), (o.recipient_id)) x (recipient_id)
            WHERE (n.recipient_id, n.unit_id, n.area_id, n.template_version_id, n.status, n.offered_at, n.performed_at)
                  IS DISTINCT FROM (o.recipient_id, o.unit_id, o.area_id, o.template_version_id, o.status, o.offered_at, o.performed_at)
            UNION
            -- a changed id: not matched above
            SELECT n.recipient_id FROM new_rows n WHERE NOT EXISTS (SELECT 1 FROM old_rows o WHERE o.id = n.id)
            UNION
            SELECT o.recipient_id FROM old_rows o WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.id = o.id)));
        END IF;
        RETURN NULL;
      END
      $fn$;
      CREATE TRIGGER indicator_fact_review_insert AFTER INSERT ON review REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION indicator_fact_on_review();
      CREATE TRIGGER indicator_fact_review_update AFTER UPDATE ON review REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION indicator_fact_on_review();
      CREATE TRIGGER indicator_fact_review_delete AFTER DELETE ON review REFERENCING OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION indicator_fact_on_review();

      -- A risk's review's recipient; when the review is gone already, its fact still names the recipient.
      CREATE FUNCTION indicator_fact_recipients_of_reviews(p_reviews uuid[]) RETURNS uuid[] LANGUAGE sql STABLE AS $fn$
        SELECT ARRAY(
          SELECT r.recipient_id FROM review r WHERE r.id = ANY (p_reviews)
          UNION SELECT f.recipient_id FROM indicator_review_fact f WHERE f.review_id = ANY (p_reviews))
      $fn$;
      -- The recipients of the reviews of risks, and of the actions on them (an action's fact holds its risk's found_at).
      CREATE FUNCTION indicator_fact_recipients_of_risks(p_reviews uuid[], p_risks uuid[]) RETURNS uuid[] LANGUAGE sql STABLE AS $fn$
        SELECT indicator_fact_recipients_of_reviews(p_reviews || ARRAY(SELECT a.review_id FROM follow_up_action a WHERE a.risk_id = ANY (p_risks)))
      $fn$;

      CREATE FUNCTION indicator_fact_on_risk() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          PERFORM indicator_fact_mark(indicator_fact_recipients_of_reviews(ARRAY(SELECT DISTINCT review_id FROM new_rows)));
        ELSIF TG_OP = 'DELETE' THEN
          PERFORM indicator_fact_mark(indicator_fact_recipients_of_reviews(ARRAY(SELECT DISTINCT review_id FROM old_rows)));
        ELSE
          PERFORM indicator_fact_mark(indicator_fact_recipients_of_risks(
            ARRAY(SELECT review_id FROM new_rows UNION SELECT review_id FROM old_rows),
            ARRAY(SELECT id FROM new_rows UNION SELECT id FROM old_rows)));
        END IF;
        RETURN NULL;
      END
      $fn$;
      CREATE TRIGGER indicator_fact_risk_insert AFTER INSERT ON identified_risk REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION indicator_fact_on_risk();
      CREATE TRIGGER indicator_fact_risk_update AFTER UPDATE ON identified_risk REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION indicator_fact_on_risk();
      CREATE TRIGGER indicator_fact_risk_delete AFTER DELETE ON identified_risk REFERENCING OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION indicator_fact_on_risk();

      -- An action has a fact of its own (on its review's recipient) and counts in its risk's review's facts
      -- (with an action, with one done).
      CREATE FUNCTION indicator_fact_on_action() RETURNS trigger LANGUAGE plpgsql AS $fn$
      DECLARE
        reviews uuid[];
      BEGIN
        IF TG_OP = 'INSERT' THEN
          reviews := ARRAY(SELECT review_id FROM new_rows UNION SELECT ir.review_id FROM identified_risk ir WHERE ir.id IN (SELECT risk_id FROM new_rows));
        ELSIF TG_OP = 'DELETE' THEN
          reviews := ARRAY(SELECT review_id FROM old_rows UNION SELECT ir.review_id FROM identified_risk ir WHERE ir.id IN (SELECT risk_id FROM old_rows));
        ELSE
          reviews := ARRAY(
            SELECT review_id FROM new_rows UNION SELECT review_id FROM old_rows
            UNION SELECT ir.review_id FROM identified_risk ir WHERE ir.id IN (SELECT risk_id FROM new_rows UNION SELECT risk_id FROM old_rows));
        END IF;
        PERFORM indicator_fact_mark(indicator_fact_recipients_of_reviews(reviews));
        RETURN NULL;
      END
      $fn$;
      CREATE TRIGGER indicator_fact_action_insert AFTER INSERT ON follow_up_action REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION indicator_fact_on_action();
      CREATE TRIGGER indicator_fact_action_update AFTER UPDATE ON follow_up_action REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION indicator_fact_on_action();
      CREATE TRIGGER indicator_fact_action_delete AFTER DELETE ON follow_up_action REFERENCING OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION indicator_fact_on_action();

      -- The facts hold a recipient's housing type as it is now (the raw definition joins care_recipient).
      CREATE FUNCTION indicator_fact_on_recipient() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          PERFORM indicator_fact_mark(ARRAY(SELECT id FROM old_rows));
        ELSE
          PERFORM indicator_fact_mark(ARRAY(
            SELECT n.id FROM new_rows n LEFT JOIN old_rows o ON o.id = n.id WHERE o.housing_type IS DISTINCT FROM n.housing_type
            UNION SELECT o.id FROM old_rows o WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.id = o.id)));
        END IF;
        RETURN NULL;
      END
      $fn$;
      CREATE TRIGGER indicator_fact_recipient_update AFTER UPDATE ON care_recipient REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION indicator_fact_on_recipient();
      CREATE TRIGGER indicator_fact_recipient_delete AFTER DELETE ON care_recipient REFERENCING OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION indicator_fact_on_recipient();

      -- A version moved to another template changes which reviews are "the previous one".
      CREATE FUNCTION indicator_fact_on_template_version() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        PERFORM indicator_fact_mark(ARRAY(
          SELECT DISTINCT r.recipient_id FROM review r
          WHERE r.template_version_id IN (
            SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.template_id IS DISTINCT FROM o.template_id)));
        RETURN NULL;
      END
      $fn$;
      CREATE TRIGGER indicator_fact_template_version_update AFTER UPDATE ON template_version
        REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION indicator_fact_on_template_version();
    `);

    await q.query(`SELECT indicator_fact_refresh(NULL)`);
    // Statistics for the planner at once (autovacuum would come later): plans of the first calls depend on them.
    await q.query(`ANALYZE indicator_review_fact, indicator_risk_fact, indicator_action_fact`);

    await q.query(`ALTER FUNCTION indicator_values(${SIGNATURE}) RENAME TO indicator_values_raw`);
    await q.query(`
      CREATE FUNCTION indicator_values(${SIGNATURE})
      RETURNS ${RETURNS}
      LANGUAGE plpgsql STABLE SET jit = off AS $fn$
      BEGIN
        RETURN QUERY EXECUTE ${sqlText(positional(ROLLUP_QUERY))}
          USING p_from, p_to, p_grain, p_units, p_areas, p_housing, p_by_unit, p_by_area, p_by_housing, p_as_of, p_indicators;
      END
      $fn$;
    `);
    // The dashboard's two lists read the facts too: the open-action backlog (the action facts hold the review's
    // area and the recipient's housing type, as the raw joins gave them) and the coverage work list (a
    // recipient's reviews of the period by (recipient, day), the narrow fact index instead of the review table).
    // The raw definitions are kept as *_raw, and the rollup test compares them as it does indicator_values.
    await q.query(`ALTER FUNCTION indicator_action_backlog(${BACKLOG_SIGNATURE}) RENAME TO indicator_action_backlog_raw`);
    await q.query(`ALTER FUNCTION indicator_work_list(${WORK_LIST_SIGNATURE}) RENAME TO indicator_work_list_raw`);
    await q.query(`
      CREATE FUNCTION indicator_action_backlog(${BACKLOG_SIGNATURE})
      RETURNS TABLE (unit_id uuid, area_id uuid, housing_type text, open bigint, overdue bigint)
      LANGUAGE sql STABLE SET jit = off AS $fn$
        SELECT CASE WHEN p_by_unit THEN a.unit_id END, CASE WHEN p_by_area THEN a.area_id END, CASE WHEN p_by_housing THEN a.housing_type END,
               count(*), count(*) FILTER (WHERE a.due_date < indicator_local_day(p_as_of))
        FROM indicator_action_fact a
        WHERE a.status = 'open' AND a.unit_id = ANY (p_units)
          AND (p_areas IS NULL OR a.area_id = ANY (p_areas))
          AND (p_housing IS NULL OR a.housing_type = ANY (p_housing))
        GROUP BY 1, 2, 3
      $fn$;
      CREATE FUNCTION indicator_work_list(${WORK_LIST_SIGNATURE})
      RETURNS TABLE (recipient_id uuid, last_offered_at timestamptz)
      LANGUAGE sql STABLE SET jit = off AS $fn$
        SELECT e.id, (SELECT max(r.offered_at) FROM review r WHERE r.recipient_id = e.id)
        FROM indicator_eligible_recipients(p_units, p_areas, p_housing) e
        WHERE e.created_at < indicator_instant(p_to)
          AND NOT EXISTS (SELECT 1 FROM indicator_review_fact f
                          WHERE f.recipient_id = e.id AND f.offered_day >= p_from AND f.offered_day < p_to)
      $fn$;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION indicator_work_list(${WORK_LIST_SIGNATURE})`);
    await q.query(`DROP FUNCTION indicator_action_backlog(${BACKLOG_SIGNATURE})`);
    await q.query(`ALTER FUNCTION indicator_work_list_raw(${WORK_LIST_SIGNATURE}) RENAME TO indicator_work_list`);
    await q.query(`ALTER FUNCTION indicator_action_backlog_raw(${BACKLOG_SIGNATURE}) RENAME TO indicator_action_backlog`);
    await q.query(`DROP FUNCTION indicator_values(${SIGNATURE})`);
    await q.query(`ALTER FUNCTION indicator_values_raw(${SIGNATURE}) RENAME TO indicator_values`);
    await q.query(`
      DROP TRIGGER indicator_fact_template_version_update ON template_version;
      DROP TRIGGER indicator_fact_recipient_update ON care_recipient;
      DROP TRIGGER indicator_fact_recipient_delete ON care_recipient;
      DROP TRIGGER indicator_fact_action_insert ON follow_up_action;
      DROP TRIGGER indicator_fact_action_update ON follow_up_action;
      DROP TRIGGER indicator_fact_action_delete ON follow_up_action;
      DROP TRIGGER indicator_fact_risk_insert ON identified_risk;
      DROP TRIGGER indicator_fact_risk_update ON identified_risk;
      DROP TRIGGER indicator_fact_risk_delete ON identified_risk;
      DROP TRIGGER indicator_fact_review_insert ON review;
      DROP TRIGGER indicator_fact_review_update ON review;
      DROP TRIGGER indicator_fact_review_delete ON review;
      DROP FUNCTION indicator_fact_on_template_version();
      DROP FUNCTION indicator_fact_on_recipient();
      DROP FUNCTION indicator_fact_on_action();
      DROP FUNCTION indicator_fact_on_risk();
      DROP FUNCTION indicator_fact_recipients_of_risks(uuid[], uuid[]);
      DROP FUNCTION indicator_fact_recipients_of_reviews(uuid[]);
      DROP FUNCTION indicator_fact_on_review();
      DROP TRIGGER indicator_fact_pending_flush ON indicator_fact_pending;
      DROP FUNCTION indicator_fact_flush();
      DROP FUNCTION indicator_fact_mark(uuid[]);
      DROP TABLE indicator_fact_pending;
      DROP FUNCTION indicator_fact_refresh(uuid[]);
      DROP TABLE indicator_action_fact;
      DROP TABLE indicator_risk_fact;
      DROP TABLE indicator_review_fact;
    `);
  }
}
