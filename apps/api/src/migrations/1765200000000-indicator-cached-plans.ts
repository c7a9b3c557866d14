import type { MigrationInterface, QueryRunner } from 'typeorm';
import { REVIEW_FACT_ROWS, RISK_FACT_ROWS, sqlText } from './1765050000000-indicator-rollup.js';
import {
  ACTION_FACT_ROWS_SETTLED,
  applyDelta,
  CELL_TABLES,
  cellsOf,
  CLEAR_ALL,
  LOCK_RECIPIENTS,
  RECIPIENT_FACT_ROWS,
  REFRESH,
  SPLIT_ROWS,
} from './1765120000000-indicator-cells.js';

/*
 * The indicator refresh of a few recipients, which every batch of reviews sets off, planned once per connection
 * instead of at every statement.
 *
 * Since reviews are partitioned by month (1765190000000), a statement over `review` that does not name its month
 * is planned over every partition: 3–5 ms a statement at 18 months. `indicator_fact_refresh` ran each of its
 * statements through EXECUTE, which plans every time, so a refresh spent about half its time planning; under
 * `pnpm load`'s saturation, planning was half of what PostgreSQL did. Here the refresh of some recipients runs
 * the same statements as static PL/pgSQL, whose plans each connection keeps, and with
 * `plan_cache_mode = force_generic_plan` they are the generic plans from the first call (PostgreSQL would keep
 * planning anew, as a plan pruned to a partition looks cheaper). Nothing here can be pruned at planning anyway:
 * the statements pick recipients, not months. The full rebuild (NULL) stays as it was, EXECUTEd once.
 *
 * `indicator_fact_recipients_of_reviews`, run by the risk and action triggers of every batch, was an SQL
 * function, planned at every call; as PL/pgSQL its plan is kept too.
 */

/** The statements of 1765120000000 for the recipients `p_recipients`, as static PL/pgSQL. */
const forRecipients = (sql: string, condition: string) => {
  const statement = sql.replace(/%(?:[12]\$)?s/g, condition).replace(/\$1\b/g, 'p_recipients');
  if (/%(?:[12]\$)?s|\$\d/.test(statement)) throw new Error('a statement of the refresh has a placeholder left');
  return statement;
};

const REFRESH_CACHED = `
  CREATE OR REPLACE FUNCTION indicator_fact_refresh(p_recipients uuid[]) RETURNS void LANGUAGE plpgsql
    SET jit = off SET plan_cache_mode = force_generic_plan AS $fn$
  DECLARE
    lock_key integer;
    ${CELL_TABLES.map((t) => `old_${t.table} ${t.table}[];`).join('\n    ')}
  BEGIN
    IF p_recipients IS NULL THEN
      ${CLEAR_ALL}
      EXECUTE format(${sqlText(REVIEW_FACT_ROWS)}, 'true');
      EXECUTE format(${sqlText(RISK_FACT_ROWS)}, 'true');
      EXECUTE format(${sqlText(ACTION_FACT_ROWS_SETTLED)}, 'true');
      EXECUTE format(${sqlText(RECIPIENT_FACT_ROWS)}, 'true');
      EXECUTE format(${sqlText(SPLIT_ROWS)}, 'true', 'true');
      ${CELL_TABLES.map((t) => `INSERT INTO ${t.table} (${t.keys.join(', ')}, ${t.counts.join(', ')}) ${cellsOf(t, true)};`).join('\n      ')}
      RETURN;
    END IF;
    ${LOCK_RECIPIENTS}
    -- What the recipients count for now, to be taken out of the cells below.
    ${CELL_TABLES.map((t) => `old_${t.table} := ARRAY(SELECT ROW(c.*)::${t.table} FROM (${forRecipients(cellsOf(t, false), '')}) c);`).join('\n    ')}
    DELETE FROM indicator_risk_fact WHERE recipient_id = ANY (p_recipients);
    DELETE FROM indicator_review_fact WHERE recipient_id = ANY (p_recipients);
    DELETE FROM indicator_action_fact WHERE recipient_id = ANY (p_recipients);
    DELETE FROM indicator_split WHERE recipient_id = ANY (p_recipients);
    DELETE FROM indicator_recipient_fact WHERE recipient_id = ANY (p_recipients);
    ${forRecipients(REVIEW_FACT_ROWS, 'r.recipient_id = ANY (p_recipients)')};
    ${forRecipients(RISK_FACT_ROWS, 'r.recipient_id = ANY (p_recipients)')};
    ${forRecipients(ACTION_FACT_ROWS_SETTLED, 'r.recipient_id = ANY (p_recipients)')};
    ${forRecipients(RECIPIENT_FACT_ROWS, 'c.id = ANY (p_recipients)')};
    ${forRecipients(SPLIT_ROWS.replace('%1$s', 'f.recipient_id = ANY (p_recipients)'), 'k.recipient_id = ANY (p_recipients)')};
    ${CELL_TABLES.map((t) => `${forRecipients(applyDelta(t).replace(`unnest($2::${t.table}[])`, `unnest(old_${t.table})`), '')};`).join('\n    ')}
  END
  $fn$`;

const RECIPIENTS_OF_REVIEWS = (cached: boolean) =>
  cached
    ? `
  CREATE OR REPLACE FUNCTION indicator_fact_recipients_of_reviews(p_reviews uuid[]) RETURNS uuid[] LANGUAGE plpgsql STABLE
    SET plan_cache_mode = force_generic_plan AS $fn$
  BEGIN
    RETURN ARRAY(
      SELECT r.recipient_id FROM review r WHERE r.id = ANY (p_reviews)
      UNION SELECT f.recipient_id FROM indicator_review_fact f WHERE f.review_id = ANY (p_reviews));
  END
  $fn$`
    : `
  CREATE OR REPLACE FUNCTION indicator_fact_recipients_of_reviews(p_reviews uuid[]) RETURNS uuid[] LANGUAGE sql STABLE AS $fn$
    SELECT ARRAY(
      SELECT r.recipient_id FROM review r WHERE r.id = ANY (p_reviews)
      UNION SELECT f.recipient_id FROM indicator_review_fact f WHERE f.review_id = ANY (p_reviews))
  $fn$`;

export class IndicatorCachedPlans1765200000000 implements MigrationInterface {
  name = 'IndicatorCachedPlans1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(REFRESH_CACHED);
    await q.query(RECIPIENTS_OF_REVIEWS(true));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(RECIPIENTS_OF_REVIEWS(false));
    await q.query(REFRESH);
  }
}
