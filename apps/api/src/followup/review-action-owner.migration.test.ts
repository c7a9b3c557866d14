import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { ReviewActionOwner1764600000000 } from '../migrations/1764600000000-review-action-owner.js';
import { createServices } from '../services.js';
import { loadConfig } from '../shared/config.js';
import { createThrowawayDatabase, startEmbeddedDatabase, type DatabaseHandle } from '../shared/database.js';
import { openDataSource } from '../shared/data-source.js';
import { seedDemo } from '../seed/demo-seed.js';

/*
 * Before this migration, `submitReviews` stored agreed actions without an owner. The migration changes no
 * table, only rows, so the state before it is made on today's schema: the demo data (a year of reviews
 * with agreed actions, submitted the way phones send them), with every owner removed as the old code left
 * them, plus the cases the migration must leave alone. Then the migration's `up` runs as the migrator would.
 */

let db: DatabaseHandle;
let dataSource: DataSource;
const ids = { assignedElsewhere: '', createdByManager: '', performerInactive: '', staff2: '', manager: '', inactive: '' };
let unowned = 0;

const one = async <T>(sql: string, params: unknown[] = []): Promise<T> => ((await dataSource.query(sql, params)) as T[])[0] as T;

beforeAll(async () => {
  const url = process.env['DATABASE_URL'];
  db = url ? await createThrowawayDatabase(url) : await startEmbeddedDatabase();
  dataSource = await openDataSource(db);
  await seedDemo(dataSource, createServices(dataSource, loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' })), { recipientCount: 40 });
  await dataSource.query(`UPDATE follow_up_action SET owner_id = NULL`);

  const user = async (email: string) => (await one<{ id: string }>(`SELECT id FROM app_user WHERE email = $1`, [email])).id;
  ids.staff2 = await user('personal2@demo.hjulet.se');
  ids.manager = await user('enhetschef@demo.hjulet.se');
  ids.inactive = await user('personal.soder@demo.hjulet.se');
  const actionOf = async (email: string, skip: number) =>
    (
      await one<{ id: string }>(
        `SELECT a.id FROM follow_up_action a JOIN app_user u ON u.id = a.created_by WHERE u.email = $1 ORDER BY a.id OFFSET $2 LIMIT 1`,
        [email, skip],
      )
    ).id;
  // Assigned by the manager to another worker: keeps that owner.
  ids.assignedElsewhere = await actionOf('personal@demo.hjulet.se', 0);
  await dataSource.query(`UPDATE follow_up_action SET owner_id = $2 WHERE id = $1`, [ids.assignedElsewhere, ids.staff2]);
  // Added afterwards by someone other than the review's performer: not agreed during the review.
  ids.createdByManager = await actionOf('personal@demo.hjulet.se', 1);
  await dataSource.query(`UPDATE follow_up_action SET created_by = $2 WHERE id = $1`, [ids.createdByManager, ids.manager]);
  // The performer no longer works here: the action stays with the unit.
  ids.performerInactive = await actionOf('personal.soder@demo.hjulet.se', 0);
  await dataSource.query(`UPDATE app_user SET active = false WHERE id = $1`, [ids.inactive]);

  unowned = (await one<{ n: number }>(`SELECT count(*)::int AS n FROM follow_up_action WHERE owner_id IS NULL`)).n;
  const runner = dataSource.createQueryRunner();
  try {
    await new ReviewActionOwner1764600000000().up(runner);
  } finally {
    await runner.release();
  }
});

afterAll(async () => {
  await dataSource?.destroy();
  await db?.close();
});

describe('migration ReviewActionOwner1764600000000', () => {
  it('gives each unowned action agreed during a review its performer as owner, open and closed alike', async () => {
    const rows: Array<{ status: string; n: number }> = await dataSource.query(
      `SELECT a.status, count(*)::int AS n FROM follow_up_action a JOIN review r ON r.id = a.review_id
       WHERE a.owner_id = r.performed_by AND a.id NOT IN ($1, $2, $3) GROUP BY a.status`,
      [ids.assignedElsewhere, ids.createdByManager, ids.performerInactive],
    );
    const statuses = new Set(rows.map((r) => r.status));
    expect(statuses.has('open') && (statuses.has('done') || statuses.has('not_needed'))).toBe(true);
    const stillUnowned: Array<{ email: string; active: boolean }> = await dataSource.query(
      `SELECT u.email, u.active FROM follow_up_action a JOIN review r ON r.id = a.review_id JOIN app_user u ON u.id = r.performed_by
       WHERE a.owner_id IS NULL AND a.id <> $1`,
      [ids.createdByManager],
    );
    // Only the inactive performer's actions are left to their unit.
    expect(stillUnowned.every((r) => r.email === 'personal.soder@demo.hjulet.se' && !r.active)).toBe(true);
  });

  it('leaves an owner given by a manager, an action added later by someone else, and an inactive performer alone', async () => {
    const owners: Array<{ id: string; owner_id: string | null }> = await dataSource.query(
      `SELECT id, owner_id FROM follow_up_action WHERE id = ANY($1::uuid[])`,
      [[ids.assignedElsewhere, ids.createdByManager, ids.performerInactive]],
    );
    expect(Object.fromEntries(owners.map((o) => [o.id, o.owner_id]))).toEqual({
      [ids.assignedElsewhere]: ids.staff2,
      [ids.createdByManager]: null,
      [ids.performerInactive]: null,
    });
  });

  it('writes one audit row per action it gave an owner, naming the action, the owner and whose home it is about', async () => {
    const owned = await one<{ n: number }>(`SELECT count(*)::int AS n FROM follow_up_action WHERE owner_id IS NULL`);
    const audit: Array<{ entity_id: string; care_recipient_id: string; details: { ownerId: string; via: string }; actor_id: string | null }> =
      await dataSource.query(
        `SELECT entity_id, care_recipient_id, details, actor_id FROM audit_event WHERE details->>'via' = 'migration ReviewActionOwner1764600000000'`,
      );
    expect(audit).toHaveLength(unowned - owned.n);
    expect(audit.length).toBeGreaterThan(0);
    const check: Array<{ ok: boolean }> = await dataSource.query(
      `SELECT bool_and(a.owner_id::text = e.details->>'ownerId' AND r.recipient_id = e.care_recipient_id AND e.actor_id IS NULL) AS ok
       FROM audit_event e JOIN follow_up_action a ON a.id::text = e.entity_id JOIN review r ON r.id = a.review_id
       WHERE e.details->>'via' = 'migration ReviewActionOwner1764600000000'`,
    );
    expect(check[0]?.ok).toBe(true);
  });
});
