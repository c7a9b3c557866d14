import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `indicator_values` stepped through a series with `('1 ' || p_grain)::interval`, and PostgreSQL has no
 * interval unit "quarter": every series by quarter failed (the dashboard's quarter trend, the partner
 * statistics). One function now gives the step of a grain, and the definition of `indicator_values`, as the
 * database holds it, uses it instead; nothing else in the function changes. The rewrite is checked: a
 * definition without the old expression (changed meanwhile) stops the migration rather than run half fixed.
 */
const OLD_STEP = `('1 ' || p_grain)::interval`;
const NEW_STEP = `indicator_grain_step(p_grain)`;

async function rewriteIndicatorValues(q: QueryRunner, from: string, to: string): Promise<void> {
  const rows = (await q.query(
    `SELECT pg_get_functiondef(p.oid) AS def FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE p.proname = 'indicator_values' AND n.nspname = current_schema()`,
  )) as Array<{ def: string }>;
  if (rows.length !== 1) throw new Error(`expected one indicator_values function, found ${rows.length}`);
  const def = rows[0]!.def;
  if (!def.includes(from)) throw new Error(`indicator_values does not contain ${from}: it was changed since; rewrite this migration`);
  await q.query(def.split(from).join(to));
}

export class IndicatorQuarterStep1764970000000 implements MigrationInterface {
  name = 'IndicatorQuarterStep1764970000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION indicator_grain_step(p_grain text) RETURNS interval LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT CASE p_grain WHEN 'quarter' THEN interval '3 months' ELSE ('1 ' || p_grain)::interval END $$;
    `);
    await rewriteIndicatorValues(q, OLD_STEP, NEW_STEP);
  }

  async down(q: QueryRunner): Promise<void> {
    await rewriteIndicatorValues(q, NEW_STEP, OLD_STEP);
    await q.query(`DROP FUNCTION indicator_grain_step(text)`);
  }
}
