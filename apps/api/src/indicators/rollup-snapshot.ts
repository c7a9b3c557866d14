/**
 * Every row the rollup keeps (migrations 1765050000000 and 1765120000000) as JSON, in one order: what the tests
 * compare with a fresh `indicator_fact_refresh(NULL)`. The cells kept by adding and taking out contributions
 * hold zeros where a rebuild has no row, so zero cells are left out.
 */
export const ROLLUP_SNAPSHOT_SQL = `
  SELECT to_jsonb(f) AS row FROM indicator_review_fact f
  UNION ALL SELECT to_jsonb(k) FROM indicator_risk_fact k
  UNION ALL SELECT to_jsonb(a) FROM indicator_action_fact a
  UNION ALL SELECT to_jsonb(r) FROM indicator_recipient_fact r
  UNION ALL SELECT to_jsonb(s) FROM indicator_split s
  UNION ALL SELECT to_jsonb(c) FROM indicator_review_cell c
    WHERE greatest(offered, completed, with_risk, risks, with_action, with_done_action, prev_risks, resolved, next_risks, new_risks) > 0
  UNION ALL SELECT to_jsonb(v) FROM indicator_coverage_cell v WHERE covered > 0
  UNION ALL SELECT to_jsonb(e) FROM indicator_eligible_cell e WHERE eligible > 0
  UNION ALL SELECT to_jsonb(x) FROM indicator_closure_cell x WHERE counted > 0
  ORDER BY 1`;
