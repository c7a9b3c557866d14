import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { MIGRATIONS } from '../migrations/index.js';
import { IndicatorCachedPlans1765200000000 } from '../migrations/1765200000000-indicator-cached-plans.js';
import { migrationDatabases, organisationRows, publishedTemplateRow, undoThrough } from '../../test/support/migration-world.js';
import { ROLLUP_SNAPSHOT_SQL } from './rollup-snapshot.js';

/*
 * The indicator refresh with plans kept per connection (migration 1765200000000): the refresh of a few
 * recipients, which every write sets off, runs static statements with generic plans, and still keeps exactly
 * what a full rebuild makes; the way back restores the statements run through EXECUTE.
 */

const databases = migrationDatabases();

interface Place {
  unit: string;
  area: string;
  staff: string;
  version: string;
  recipients: string[];
}

async function place(q: DataSource): Promise<Place> {
  const ids = await organisationRows(q);
  const version = await publishedTemplateRow(q, ids, 'sakerhet');
  const recipients = [randomUUID(), randomUUID(), randomUUID()];
  for (const [i, id] of recipients.entries()) {
    await q.query(
      `INSERT INTO care_recipient (id, municipality_id, reference, unit_id, area_id, housing_type, created_at)
       VALUES ($1, $2, $3, $4, $5, 'house', '2025-01-10T09:00:00Z')`,
      [id, ids.municipality, `R-${i}`, ids.unit, ids.area],
    );
  }
  return { unit: ids.unit, area: ids.area, staff: ids.staff, version, recipients };
}

/** A review of every recipient a month (one statement, so each commit refreshes all three), risks, one review taken back. */
async function write(q: DataSource, at: Place, months: string[]): Promise<void> {
  const ids: string[] = [];
  for (const month of months) {
    const rows: Array<{ id: string }> = await q.query(
      `INSERT INTO review (id, client_id, recipient_id, unit_id, area_id, template_version_id, status, answers, performed_by, offered_at, performed_at)
       SELECT gen_random_uuid(), gen_random_uuid(), r, $2, $3, $4, 'completed', '{"a": "ja"}', $5, $6::timestamptz, $6::timestamptz
       FROM unnest($1::uuid[]) r RETURNING id`,
      [at.recipients, at.unit, at.area, at.version, at.staff, `${month}-15T09:00:00Z`],
    );
    ids.push(...rows.map((r) => r.id));
  }
  // Risks on the first and the last but one month's reviews of every recipient, each set in one statement.
  await q.query(
    `INSERT INTO identified_risk (id, review_id, item_key, category, severity, reportable, found_at)
     SELECT gen_random_uuid(), r, 'k', 'fire', 'high', true, now() FROM unnest($1::uuid[]) r`,
    [[...ids.slice(0, 3), ...ids.slice(-6, -3)]],
  );
  await q.query(`DELETE FROM review WHERE id = $1`, [ids[ids.length - 1]]);
}

/** What the refreshes kept, and what a full rebuild makes of the same rows (rolled back, so nothing changes). */
async function keptAndRebuilt(q: DataSource): Promise<{ kept: unknown[]; rebuilt: unknown[] }> {
  const kept: unknown[] = await q.query(ROLLUP_SNAPSHOT_SQL);
  const rebuilt = await q
    .transaction(async (m) => {
      await m.query(`SELECT indicator_fact_refresh(NULL)`);
      const rows: unknown[] = await m.query(ROLLUP_SNAPSHOT_SQL);
      throw Object.assign(new Error('roll back'), { rows });
    })
    .catch((e: { rows?: unknown[] }) => {
      if (!e.rows) throw e;
      return e.rows;
    });
  return { kept, rebuilt };
}

async function settings(q: DataSource): Promise<Record<string, { language: string; config: string[] | null }>> {
  const rows: Array<{ proname: string; language: string; config: string[] | null }> = await q.query(
    `SELECT p.proname, l.lanname AS language, p.proconfig AS config FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
     WHERE p.proname IN ('indicator_fact_refresh', 'indicator_fact_recipients_of_reviews') ORDER BY proname`,
  );
  return Object.fromEntries(rows.map((r) => [r.proname, { language: r.language, config: r.config }]));
}

describe('the indicator refresh with plans kept per connection', () => {
  it('keeps what a full rebuild makes, with generic plans, and on the way back as before', async () => {
    const { old: q } = await databases.at(MIGRATIONS);
    expect(await settings(q)).toEqual({
      indicator_fact_recipients_of_reviews: { language: 'plpgsql', config: ['plan_cache_mode=force_generic_plan'] },
      indicator_fact_refresh: { language: 'plpgsql', config: ['jit=off', 'plan_cache_mode=force_generic_plan'] },
    });
    const at = await place(q);
    // More refreshes than PostgreSQL's five custom plans, in months of two years.
    await write(q, at, ['2025-02', '2025-03', '2025-11', '2026-01', '2026-02', '2026-02', '2026-03', '2026-04']);
    const now = await keptAndRebuilt(q);
    expect(now.kept.length).toBeGreaterThan(20);
    expect(now.kept).toEqual(now.rebuilt);

    await undoThrough(q, IndicatorCachedPlans1765200000000);
    expect(await settings(q)).toEqual({
      indicator_fact_recipients_of_reviews: { language: 'sql', config: null },
      indicator_fact_refresh: { language: 'plpgsql', config: ['jit=off'] },
    });
    await write(q, at, ['2025-05', '2026-05', '2026-06']);
    const back = await keptAndRebuilt(q);
    expect(back.kept.length).toBeGreaterThan(now.kept.length);
    expect(back.kept).toEqual(back.rebuilt);
  });
});
