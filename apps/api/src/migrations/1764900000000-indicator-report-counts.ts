import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The quality report's risk summary and effects come from the one indicator definition (issue 9): two counts
 * are added to `indicator_values`, computed from the same risks and the same pairs of reviews as
 * `risks_with_action` and `risks_resolved_by_next_review`, and returned only when asked for by name (so no
 * caller that asks for all indicators sees a new kind):
 * - `risks_with_action_done`: risks found with at least one action done / risks found;
 * - `new_risks_at_next_review`: risks found at a later review that the previous review of the same person and
 *   checklist did not have / risks found at those later reviews.
 * The existence of an action is now looked up only when `risks_with_action` is asked for. The signature and the
 * columns returned are unchanged. No rows change.
 */
export class IndicatorReportCounts1764900000000 implements MigrationInterface {
  name = 'IndicatorReportCounts1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION indicator_values(
        p_from date, p_to date, p_grain text, p_units uuid[], p_areas uuid[], p_housing text[],
        p_by_unit boolean, p_by_area boolean, p_by_housing boolean, p_as_of timestamptz, p_indicators text[])
      RETURNS TABLE (indicator text, category text, period_start date, unit_id uuid, area_id uuid, housing_type text,
                     numerator bigint, denominator bigint, value double precision)
      -- JIT off: the planner's estimate for the period series is far too high, and compiling the plan cost
      -- more (0.2–2 s a call on PostgreSQL 15) than running it.
      LANGUAGE sql STABLE SET jit = off AS $$
        WITH
        buckets AS (
          SELECT b::date AS period_start,
                 CASE WHEN p_grain IS NULL THEN p_to ELSE LEAST((b + ('1 ' || p_grain)::interval)::date, p_to) END AS period_end
          FROM generate_series(p_from::timestamp, p_to::timestamp - interval '1 day',
                               CASE WHEN p_grain IS NULL THEN (p_to - p_from) * interval '1 day' ELSE ('1 ' || p_grain)::interval END) b
        ),
        -- Reviews offered in the range, in the units asked for, placed where the review was made.
        rv AS (
          SELECT r.id, r.recipient_id, r.status, r.performed_at, v.template_id,
                 indicator_bucket(indicator_local_day(r.offered_at), p_grain, p_from) AS period_start,
                 CASE WHEN p_by_unit THEN r.unit_id END AS g_unit,
                 CASE WHEN p_by_area THEN r.area_id END AS g_area,
                 CASE WHEN p_by_housing THEN c.housing_type END AS g_housing
          FROM review r
          JOIN care_recipient c ON c.id = r.recipient_id
          JOIN template_version v ON v.id = r.template_version_id
          WHERE r.unit_id = ANY (p_units)
            AND r.offered_at >= indicator_instant(p_from) AND r.offered_at < indicator_instant(p_to)
            AND (p_areas IS NULL OR r.area_id = ANY (p_areas))
            AND (p_housing IS NULL OR c.housing_type = ANY (p_housing))
        ),
        done AS (SELECT * FROM rv WHERE status = 'completed'),
        done_groups AS (
          SELECT period_start, g_unit, g_area, g_housing, count(DISTINCT recipient_id) AS n
          FROM done GROUP BY period_start, g_unit, g_area, g_housing
        ),
        -- Risks found in completed reviews, whether any action was agreed on each and whether one is done
        -- (each looked up only when an indicator that needs it is asked for).
        risk AS (
          SELECT ir.id AS risk_id, ir.category, d.recipient_id, d.period_start, d.g_unit, d.g_area, d.g_housing,
                 CASE WHEN p_indicators IS NULL OR 'risks_with_action' = ANY (p_indicators)
                      THEN EXISTS (SELECT 1 FROM follow_up_action a WHERE a.risk_id = ir.id) END AS has_action,
                 CASE WHEN 'risks_with_action_done' = ANY (p_indicators)
                      THEN EXISTS (SELECT 1 FROM follow_up_action a WHERE a.risk_id = ir.id AND a.status = 'done') END AS has_done_action
          FROM done d JOIN identified_risk ir ON ir.review_id = d.id
        ),

        -- Coverage: eligible recipients (registered before the period ended) offered at least one review in it.
        eligible AS (
          SELECT b.period_start, b.period_end, e.id,
                 CASE WHEN p_by_unit THEN e.unit_id END AS g_unit,
                 CASE WHEN p_by_area THEN e.area_id END AS g_area,
                 CASE WHEN p_by_housing THEN e.housing_type END AS g_housing
          FROM buckets b
          JOIN indicator_eligible_recipients(p_units, p_areas, p_housing) e ON e.created_at < indicator_instant(b.period_end)
          WHERE p_indicators IS NULL OR 'coverage' = ANY (p_indicators)
        ),
        -- One index probe (review_recipient_idx) per eligible recipient and period: as a join, the planner
        -- hashed every review in the database (4 of 6 s at 1,000,000 reviews).
        offered AS (
          SELECT e.period_start, e.id
          FROM eligible e
          CROSS JOIN LATERAL (
            SELECT 1 FROM review r
            WHERE r.recipient_id = e.id AND r.offered_at >= indicator_instant(e.period_start) AND r.offered_at < indicator_instant(e.period_end)
            LIMIT 1
          ) o
        ),
        coverage AS (
          SELECT 'coverage'::text AS indicator, NULL::text AS category, e.period_start, e.g_unit, e.g_area, e.g_housing,
                 count(o.id) AS numerator, count(*) AS denominator
          FROM eligible e LEFT JOIN offered o ON o.period_start = e.period_start AND o.id = e.id
          GROUP BY e.period_start, e.g_unit, e.g_area, e.g_housing
        ),

        -- Acceptance: recipients offered a review who completed one (a repeat review counts once).
        acceptance AS (
          SELECT 'acceptance'::text, NULL::text, period_start, g_unit, g_area, g_housing,
                 count(DISTINCT recipient_id) FILTER (WHERE status = 'completed'), count(DISTINCT recipient_id)
          FROM rv
          WHERE p_indicators IS NULL OR 'acceptance' = ANY (p_indicators)
          GROUP BY period_start, g_unit, g_area, g_housing
        ),

        -- Risk prevalence: recipients with a completed review who had at least one risk of the category
        -- (category NULL: of any category).
        categories AS (SELECT DISTINCT category FROM risk UNION ALL SELECT NULL),
        with_risk AS (
          SELECT period_start, g_unit, g_area, g_housing, category, count(DISTINCT recipient_id) AS n
          FROM risk
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

        -- Share of risks with an action: risks found in completed reviews with at least one follow-up action.
        risks_with_action AS (
          SELECT 'risks_with_action'::text, category, period_start, g_unit, g_area, g_housing,
                 count(*) FILTER (WHERE has_action), count(*)
          FROM risk
          WHERE p_indicators IS NULL OR 'risks_with_action' = ANY (p_indicators)
          GROUP BY GROUPING SETS ((period_start, g_unit, g_area, g_housing, category), (period_start, g_unit, g_area, g_housing))
        ),
        -- Counts for the quality report, only when asked for by name: risks with an action done (of the same risks).
        risks_with_action_done AS (
          SELECT 'risks_with_action_done'::text, category, period_start, g_unit, g_area, g_housing,
                 count(*) FILTER (WHERE has_done_action), count(*)
          FROM risk
          WHERE 'risks_with_action_done' = ANY (p_indicators)
          GROUP BY GROUPING SETS ((period_start, g_unit, g_area, g_housing, category), (period_start, g_unit, g_area, g_housing))
        ),

        -- Action closure by due date, as of p_as_of (the domain's actionClosure): actions due in the period,
        -- not 'not_needed'/'declined'; counted once due or done; on time when done (Swedish day) by the due date.
        acts AS (
          SELECT a.status, a.due_date, indicator_local_day(a.closed_at) AS closed_day,
                 indicator_bucket(a.due_date, p_grain, p_from) AS period_start,
                 CASE WHEN p_by_unit THEN a.unit_id END AS g_unit,
                 CASE WHEN p_by_area THEN r.area_id END AS g_area,
                 CASE WHEN p_by_housing THEN c.housing_type END AS g_housing
          FROM follow_up_action a
          JOIN review r ON r.id = a.review_id
          JOIN care_recipient c ON c.id = r.recipient_id
          WHERE (p_indicators IS NULL OR 'action_closure' = ANY (p_indicators))
            AND a.unit_id = ANY (p_units) AND a.status IN ('open', 'done')
            AND a.due_date >= p_from AND a.due_date < p_to
            AND (p_areas IS NULL OR r.area_id = ANY (p_areas))
            AND (p_housing IS NULL OR c.housing_type = ANY (p_housing))
        ),
        closure AS (
          SELECT 'action_closure'::text, NULL::text, period_start, g_unit, g_area, g_housing,
                 count(*) FILTER (WHERE status = 'done' AND closed_day < indicator_local_day(p_as_of) AND closed_day <= due_date),
                 count(*)
          FROM acts
          WHERE (status = 'done' AND (closed_day IS NULL OR closed_day < indicator_local_day(p_as_of))) OR due_date < indicator_local_day(p_as_of)
          GROUP BY period_start, g_unit, g_area, g_housing
        ),

        -- Median days from a risk found to its action done, over actions done in the period (before p_as_of).
        closed_pairs AS (
          SELECT greatest(0, extract(epoch FROM a.closed_at - ir.found_at)::double precision * 1000) AS ms,
                 indicator_bucket(indicator_local_day(a.closed_at), p_grain, p_from) AS period_start,
                 CASE WHEN p_by_unit THEN a.unit_id END AS g_unit,
                 CASE WHEN p_by_area THEN r.area_id END AS g_area,
                 CASE WHEN p_by_housing THEN c.housing_type END AS g_housing
          FROM follow_up_action a
          JOIN identified_risk ir ON ir.id = a.risk_id
          JOIN review r ON r.id = a.review_id
          JOIN care_recipient c ON c.id = r.recipient_id
          WHERE (p_indicators IS NULL OR 'median_days_to_close' = ANY (p_indicators))
            AND a.unit_id = ANY (p_units) AND a.status = 'done'
            AND a.closed_at >= indicator_instant(p_from) AND a.closed_at < indicator_instant(p_to) AND a.closed_at < p_as_of
            AND (p_areas IS NULL OR r.area_id = ANY (p_areas))
            AND (p_housing IS NULL OR c.housing_type = ANY (p_housing))
        ),
        median AS (
          SELECT 'median_days_to_close'::text, NULL::text, period_start, g_unit, g_area, g_housing, NULL::bigint, count(*),
                 (round((percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) / 8640000)::numeric) / 10)::double precision
          FROM closed_pairs
          GROUP BY period_start, g_unit, g_area, g_housing
        ),

        -- Risks resolved by the next review: for each completed review in the period, the risks of the same
        -- recipient's previous completed review of the same template; resolved when the item is no risk now.
        follow_ups AS (
          SELECT d.id, d.period_start, d.g_unit, d.g_area, d.g_housing, prev.id AS prev_id
          FROM done d
          CROSS JOIN LATERAL (
            SELECT p.id FROM review p JOIN template_version pv ON pv.id = p.template_version_id
            WHERE p.recipient_id = d.recipient_id AND p.status = 'completed' AND pv.template_id = d.template_id
              AND (p.performed_at, p.id) < (d.performed_at, d.id)
            ORDER BY p.performed_at DESC, p.id DESC
            LIMIT 1
          ) prev
          WHERE p_indicators IS NULL OR 'risks_resolved_by_next_review' = ANY (p_indicators) OR 'new_risks_at_next_review' = ANY (p_indicators)
        ),
        earlier_risks AS (
          SELECT f.period_start, f.g_unit, f.g_area, f.g_housing, pr.category, nr.id IS NULL AS resolved
          FROM follow_ups f
          JOIN identified_risk pr ON pr.review_id = f.prev_id
          LEFT JOIN identified_risk nr ON nr.review_id = f.id AND nr.item_key = pr.item_key
          WHERE p_indicators IS NULL OR 'risks_resolved_by_next_review' = ANY (p_indicators)
        ),
        resolved AS (
          SELECT 'risks_resolved_by_next_review'::text, category, period_start, g_unit, g_area, g_housing,
                 count(*) FILTER (WHERE resolved), count(*)
          FROM earlier_risks
          GROUP BY GROUPING SETS ((period_start, g_unit, g_area, g_housing, category), (period_start, g_unit, g_area, g_housing))
        ),

        -- For the quality report, only when asked for by name: of the risks found at those same later reviews,
        -- the ones the previous review did not have (new).
        new_risks AS (
          SELECT 'new_risks_at_next_review'::text, nr.category, f.period_start, f.g_unit, f.g_area, f.g_housing,
                 count(*) FILTER (WHERE pr.id IS NULL), count(*)
          FROM follow_ups f
          JOIN identified_risk nr ON nr.review_id = f.id
          LEFT JOIN identified_risk pr ON pr.review_id = f.prev_id AND pr.item_key = nr.item_key
          WHERE 'new_risks_at_next_review' = ANY (p_indicators)
          GROUP BY GROUPING SETS ((f.period_start, f.g_unit, f.g_area, f.g_housing, nr.category), (f.period_start, f.g_unit, f.g_area, f.g_housing))
        ),

        shares AS (
          SELECT * FROM coverage UNION ALL SELECT * FROM acceptance UNION ALL SELECT * FROM prevalence
          UNION ALL SELECT * FROM risks_with_action UNION ALL SELECT * FROM closure UNION ALL SELECT * FROM resolved
          UNION ALL SELECT * FROM risks_with_action_done UNION ALL SELECT * FROM new_risks
        )
        SELECT s.indicator, s.category, s.period_start, s.g_unit, s.g_area, s.g_housing, s.numerator, s.denominator,
               s.numerator::double precision / nullif(s.denominator, 0)
        FROM shares s
        UNION ALL
        SELECT * FROM median
      $$;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION indicator_values(
        p_from date, p_to date, p_grain text, p_units uuid[], p_areas uuid[], p_housing text[],
        p_by_unit boolean, p_by_area boolean, p_by_housing boolean, p_as_of timestamptz, p_indicators text[])
      RETURNS TABLE (indicator text, category text, period_start date, unit_id uuid, area_id uuid, housing_type text,
                     numerator bigint, denominator bigint, value double precision)
      -- JIT off: the planner's estimate for the period series is far too high, and compiling the plan cost
      -- more (0.2–2 s a call on PostgreSQL 15) than running it.
      LANGUAGE sql STABLE SET jit = off AS $$
        WITH
        buckets AS (
          SELECT b::date AS period_start,
                 CASE WHEN p_grain IS NULL THEN p_to ELSE LEAST((b + ('1 ' || p_grain)::interval)::date, p_to) END AS period_end
          FROM generate_series(p_from::timestamp, p_to::timestamp - interval '1 day',
                               CASE WHEN p_grain IS NULL THEN (p_to - p_from) * interval '1 day' ELSE ('1 ' || p_grain)::interval END) b
        ),
        -- Reviews offered in the range, in the units asked for, placed where the review was made.
        rv AS (
          SELECT r.id, r.recipient_id, r.status, r.performed_at, v.template_id,
                 indicator_bucket(indicator_local_day(r.offered_at), p_grain, p_from) AS period_start,
                 CASE WHEN p_by_unit THEN r.unit_id END AS g_unit,
                 CASE WHEN p_by_area THEN r.area_id END AS g_area,
                 CASE WHEN p_by_housing THEN c.housing_type END AS g_housing
          FROM review r
          JOIN care_recipient c ON c.id = r.recipient_id
          JOIN template_version v ON v.id = r.template_version_id
          WHERE r.unit_id = ANY (p_units)
            AND r.offered_at >= indicator_instant(p_from) AND r.offered_at < indicator_instant(p_to)
            AND (p_areas IS NULL OR r.area_id = ANY (p_areas))
            AND (p_housing IS NULL OR c.housing_type = ANY (p_housing))
        ),
        done AS (SELECT * FROM rv WHERE status = 'completed'),
        done_groups AS (
          SELECT period_start, g_unit, g_area, g_housing, count(DISTINCT recipient_id) AS n
          FROM done GROUP BY period_start, g_unit, g_area, g_housing
        ),
        -- Risks found in completed reviews, and whether any action was agreed on each.
        risk AS (
          SELECT ir.id AS risk_id, ir.category, d.recipient_id, d.period_start, d.g_unit, d.g_area, d.g_housing,
                 EXISTS (SELECT 1 FROM follow_up_action a WHERE a.risk_id = ir.id) AS has_action
          FROM done d JOIN identified_risk ir ON ir.review_id = d.id
        ),

        -- Coverage: eligible recipients (registered before the period ended) offered at least one review in it.
        eligible AS (
          SELECT b.period_start, b.period_end, e.id,
                 CASE WHEN p_by_unit THEN e.unit_id END AS g_unit,
                 CASE WHEN p_by_area THEN e.area_id END AS g_area,
                 CASE WHEN p_by_housing THEN e.housing_type END AS g_housing
          FROM buckets b
          JOIN indicator_eligible_recipients(p_units, p_areas, p_housing) e ON e.created_at < indicator_instant(b.period_end)
          WHERE p_indicators IS NULL OR 'coverage' = ANY (p_indicators)
        ),
        offered AS (
          SELECT DISTINCT e.period_start, e.id
          FROM eligible e JOIN review r ON r.recipient_id = e.id
          WHERE r.offered_at >= indicator_instant(e.period_start) AND r.offered_at < indicator_instant(e.period_end)
        ),
        coverage AS (
          SELECT 'coverage'::text AS indicator, NULL::text AS category, e.period_start, e.g_unit, e.g_area, e.g_housing,
                 count(o.id) AS numerator, count(*) AS denominator
          FROM eligible e LEFT JOIN offered o ON o.period_start = e.period_start AND o.id = e.id
          GROUP BY e.period_start, e.g_unit, e.g_area, e.g_housing
        ),

        -- Acceptance: recipients offered a review who completed one (a repeat review counts once).
        acceptance AS (
          SELECT 'acceptance'::text, NULL::text, period_start, g_unit, g_area, g_housing,
                 count(DISTINCT recipient_id) FILTER (WHERE status = 'completed'), count(DISTINCT recipient_id)
          FROM rv
          WHERE p_indicators IS NULL OR 'acceptance' = ANY (p_indicators)
          GROUP BY period_start, g_unit, g_area, g_housing
        ),

        -- Risk prevalence: recipients with a completed review who had at least one risk of the category
        -- (category NULL: of any category).
        categories AS (SELECT DISTINCT category FROM risk UNION ALL SELECT NULL),
        with_risk AS (
          SELECT period_start, g_unit, g_area, g_housing, category, count(DISTINCT recipient_id) AS n
          FROM risk
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

        -- Share of risks with an action: risks found in completed reviews with at least one follow-up action.
        risks_with_action AS (
          SELECT 'risks_with_action'::text, category, period_start, g_unit, g_area, g_housing,
                 count(*) FILTER (WHERE has_action), count(*)
          FROM risk
          WHERE p_indicators IS NULL OR 'risks_with_action' = ANY (p_indicators)
          GROUP BY GROUPING SETS ((period_start, g_unit, g_area, g_housing, category), (period_start, g_unit, g_area, g_housing))
        ),

        -- Action closure by due date, as of p_as_of (the domain's actionClosure): actions due in the period,
        -- not 'not_needed'/'declined'; counted once due or done; on time when done (Swedish day) by the due date.
        acts AS (
          SELECT a.status, a.due_date, indicator_local_day(a.closed_at) AS closed_day,
                 indicator_bucket(a.due_date, p_grain, p_from) AS period_start,
                 CASE WHEN p_by_unit THEN a.unit_id END AS g_unit,
                 CASE WHEN p_by_area THEN r.area_id END AS g_area,
                 CASE WHEN p_by_housing THEN c.housing_type END AS g_housing
          FROM follow_up_action a
          JOIN review r ON r.id = a.review_id
          JOIN care_recipient c ON c.id = r.recipient_id
          WHERE (p_indicators IS NULL OR 'action_closure' = ANY (p_indicators))
            AND a.unit_id = ANY (p_units) AND a.status IN ('open', 'done')
            AND a.due_date >= p_from AND a.due_date < p_to
            AND (p_areas IS NULL OR r.area_id = ANY (p_areas))
            AND (p_housing IS NULL OR c.housing_type = ANY (p_housing))
        ),
        closure AS (
          SELECT 'action_closure'::text, NULL::text, period_start, g_unit, g_area, g_housing,
                 count(*) FILTER (WHERE status = 'done' AND closed_day < indicator_local_day(p_as_of) AND closed_day <= due_date),
                 count(*)
          FROM acts
          WHERE (status = 'done' AND (closed_day IS NULL OR closed_day < indicator_local_day(p_as_of))) OR due_date < indicator_local_day(p_as_of)
          GROUP BY period_start, g_unit, g_area, g_housing
        ),

        -- Median days from a risk found to its action done, over actions done in the period (before p_as_of).
        closed_pairs AS (
          SELECT greatest(0, extract(epoch FROM a.closed_at - ir.found_at)::double precision * 1000) AS ms,
                 indicator_bucket(indicator_local_day(a.closed_at), p_grain, p_from) AS period_start,
                 CASE WHEN p_by_unit THEN a.unit_id END AS g_unit,
                 CASE WHEN p_by_area THEN r.area_id END AS g_area,
                 CASE WHEN p_by_housing THEN c.housing_type END AS g_housing
          FROM follow_up_action a
          JOIN identified_risk ir ON ir.id = a.risk_id
          JOIN review r ON r.id = a.review_id
          JOIN care_recipient c ON c.id = r.recipient_id
          WHERE (p_indicators IS NULL OR 'median_days_to_close' = ANY (p_indicators))
            AND a.unit_id = ANY (p_units) AND a.status = 'done'
            AND a.closed_at >= indicator_instant(p_from) AND a.closed_at < indicator_instant(p_to) AND a.closed_at < p_as_of
            AND (p_areas IS NULL OR r.area_id = ANY (p_areas))
            AND (p_housing IS NULL OR c.housing_type = ANY (p_housing))
        ),
        median AS (
          SELECT 'median_days_to_close'::text, NULL::text, period_start, g_unit, g_area, g_housing, NULL::bigint, count(*),
                 (round((percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) / 8640000)::numeric) / 10)::double precision
          FROM closed_pairs
          GROUP BY period_start, g_unit, g_area, g_housing
        ),

        -- Risks resolved by the next review: for each completed review in the period, the risks of the same
        -- recipient's previous completed review of the same template; resolved when the item is no risk now.
        follow_ups AS (
          SELECT d.id, d.period_start, d.g_unit, d.g_area, d.g_housing, prev.id AS prev_id
          FROM done d
          CROSS JOIN LATERAL (
            SELECT p.id FROM review p JOIN template_version pv ON pv.id = p.template_version_id
            WHERE p.recipient_id = d.recipient_id AND p.status = 'completed' AND pv.template_id = d.template_id
              AND (p.performed_at, p.id) < (d.performed_at, d.id)
            ORDER BY p.performed_at DESC, p.id DESC
            LIMIT 1
          ) prev
          WHERE p_indicators IS NULL OR 'risks_resolved_by_next_review' = ANY (p_indicators)
        ),
        earlier_risks AS (
          SELECT f.period_start, f.g_unit, f.g_area, f.g_housing, pr.category, nr.id IS NULL AS resolved
          FROM follow_ups f
          JOIN identified_risk pr ON pr.review_id = f.prev_id
          LEFT JOIN identified_risk nr ON nr.review_id = f.id AND nr.item_key = pr.item_key
        ),
        resolved AS (
          SELECT 'risks_resolved_by_next_review'::text, category, period_start, g_unit, g_area, g_housing,
                 count(*) FILTER (WHERE resolved), count(*)
          FROM earlier_risks
          GROUP BY GROUPING SETS ((period_start, g_unit, g_area, g_housing, category), (period_start, g_unit, g_area, g_housing))
        ),

        shares AS (
          SELECT * FROM coverage UNION ALL SELECT * FROM acceptance UNION ALL SELECT * FROM prevalence
          UNION ALL SELECT * FROM risks_with_action UNION ALL SELECT * FROM closure UNION ALL SELECT * FROM resolved
        )
        SELECT s.indicator, s.category, s.period_start, s.g_unit, s.g_area, s.g_housing, s.numerator, s.denominator,
               s.numerator::double precision / nullif(s.denominator, 0)
        FROM shares s
        UNION ALL
        SELECT * FROM median
      $$;
    `);
  }
}
