import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { MIGRATIONS } from '../migrations/index.js';
import { ReviewPartitions1765190000000 } from '../migrations/1765190000000-review-partitions.js';
import { migrationDatabases, organisationRows, publishedTemplateRow, undoThrough } from '../../test/support/migration-world.js';
import { ensureReviewPartitions, REVIEW_PARTITION_MONTHS_AHEAD } from './review-partitions.js';

/*
 * Reviews partitioned by month (migration 1765190000000): a database with every migration before it, filled
 * with reviews and what refers to them, then migrated; and the rules the partitioned table keeps after.
 */

const databases = migrationDatabases();

/** A database with today's schema. */
async function database(): Promise<DataSource> {
  return (await databases.at(MIGRATIONS)).old;
}

async function place(q: DataSource) {
  const ids = await organisationRows(q);
  const version = await publishedTemplateRow(q, ids, 'sakerhet');
  const recipient = randomUUID();
  await q.query(`INSERT INTO care_recipient (id, municipality_id, reference, unit_id, area_id, housing_type) VALUES ($1, $2, 'R-1', $3, $4, 'house')`, [
    recipient,
    ids.municipality,
    ids.unit,
    ids.area,
  ]);
  return { ...ids, version, recipient };
}

type Place = Awaited<ReturnType<typeof place>>;

/** A completed review stored with plain SQL; answers how it was stored. */
async function review(q: DataSource, at: Place, offeredAt: string, clientId: string = randomUUID()): Promise<{ id: string; clientId: string }> {
  const id = randomUUID();
  await q.query(
    `INSERT INTO review (id, client_id, recipient_id, unit_id, area_id, template_version_id, status, answers, performed_by, offered_at, performed_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'completed', '{"a": "ja"}', $7, $8::timestamptz, $8::timestamptz)`,
    [id, clientId, at.recipient, at.unit, at.area, at.version, at.staff, offeredAt],
  );
  return { id, clientId };
}

/** Where each review's row is: its partition. */
async function partitions(q: DataSource): Promise<Map<string, string>> {
  const rows: Array<{ id: string; part: string }> = await q.query(`SELECT id, tableoid::regclass::text AS part FROM review`);
  return new Map(rows.map((r) => [r.id, r.part]));
}

describe('the migration that partitions reviews by month', () => {
  it('moves every review into its month, keeps each client id once, and gives every reference its review month', async () => {
    const { db, old } = await databases.at(MIGRATIONS.slice(0, MIGRATIONS.indexOf(ReviewPartitions1765190000000)));
    const at = await place(old);
    const lastYear = new Date().getUTCFullYear() - 1;
    const original = await review(old, at, `${lastYear}-03-10T09:00:00Z`);
    const repeat = await review(old, at, `${lastYear}-05-20T09:00:00Z`);
    const ancient = await review(old, at, '2001-01-15T09:00:00Z');
    await old.query(`UPDATE review SET repeat_of = $1 WHERE id = $2`, [original.id, repeat.id]);
    const risk = randomUUID();
    await old.query(
      `INSERT INTO identified_risk (id, review_id, item_key, category, severity, reportable, found_at) VALUES ($1, $2, 'k', 'fire', 'high', true, now())`,
      [risk, repeat.id],
    );
    await old.query(
      `INSERT INTO follow_up_action (id, client_id, review_id, risk_id, unit_id, what, actor, status, created_by) VALUES ($1, $1, $2, $3, $4, 'Byt batteri', 'resident', 'open', $5)`,
      [randomUUID(), repeat.id, risk, at.unit, at.staff],
    );
    await old.query(
      `INSERT INTO referral (id, review_id, municipality_id, area_id, address, housing_type, risks) VALUES ($1, $2, $3, $4, 'Gatan 1', 'house', '[]')`,
      [randomUUID(), repeat.id, at.municipality, at.area],
    );
    const before: Array<{ row: string }> = await old.query(`SELECT to_jsonb(r) - 'repeat_of_offered_at' AS row FROM review r ORDER BY id`);

    await old.destroy();
    const q = await databases.migrated(db);
    const after: Array<{ row: string }> = await q.query(`SELECT to_jsonb(r) - 'repeat_of_offered_at' AS row FROM review r ORDER BY id`);
    expect(after).toEqual(before);
    const [kind] = await q.query(`SELECT relkind FROM pg_class WHERE oid = 'review'::regclass`);
    expect(kind.relkind).toBe('p');
    const where = await partitions(q);
    expect(where.get(original.id)).toBe(`review_${lastYear}_03`);
    expect(where.get(repeat.id)).toBe(`review_${lastYear}_05`);
    // Older than the partitions the migration made (a year back, or the oldest review's month): the oldest made it.
    expect(where.get(ancient.id)).toBe('review_2001_01');

    const receipts: Array<{ client_id: string; review_id: string }> = await q.query(`SELECT client_id, review_id FROM review_receipt ORDER BY client_id`);
    expect(receipts).toEqual(
      [original, repeat, ancient].map((r) => ({ client_id: r.clientId, review_id: r.id })).sort((a, b) => a.client_id.localeCompare(b.client_id)),
    );
    const [link] = await q.query(`SELECT repeat_of, repeat_of_offered_at FROM review WHERE id = $1`, [repeat.id]);
    expect(link).toEqual({ repeat_of: original.id, repeat_of_offered_at: new Date(`${lastYear}-03-10T09:00:00Z`) });
    for (const table of ['identified_risk', 'follow_up_action', 'referral']) {
      const rows: Array<{ review_offered_at: Date }> = await q.query(`SELECT review_offered_at FROM ${table}`);
      expect(rows, table).toEqual([{ review_offered_at: new Date(`${lastYear}-05-20T09:00:00Z`) }]);
    }

    // And back: one table again, with the same rows.
    await undoThrough(q, ReviewPartitions1765190000000);
    expect(await q.query(`SELECT to_jsonb(r) AS row FROM review r ORDER BY id`)).toEqual(before);
    expect(await q.query(`SELECT relkind FROM pg_class WHERE oid = 'review'::regclass`)).toEqual([{ relkind: 'r' }]);
    expect(await q.query(`SELECT to_regclass('review_receipt') AS receipts`)).toEqual([{ receipts: null }]);
  });
});

describe('reviews partitioned by month', () => {
  it('stores a client id once across every month: a second row with it is skipped, whatever its month', async () => {
    const q = await database();
    const at = await place(q);
    const first = await review(q, at, '2026-02-01T09:00:00Z');
    const again = await review(q, at, '2026-07-01T09:00:00Z', first.clientId);
    const rows: Array<{ id: string }> = await q.query(`SELECT id FROM review WHERE client_id = $1`, [first.clientId]);
    expect(rows).toEqual([{ id: first.id }]);
    expect((await partitions(q)).has(again.id)).toBe(false);
    const [receipt] = await q.query(`SELECT review_id, offered_at FROM review_receipt WHERE client_id = $1`, [first.clientId]);
    expect(receipt).toEqual({ review_id: first.id, offered_at: new Date('2026-02-01T09:00:00Z') });
  });

  it('moves a review whose offered_at changes to its new month, and its receipt and references follow', async () => {
    const q = await database();
    const at = await place(q);
    const original = await review(q, at, '2026-02-01T09:00:00Z');
    const repeat = await review(q, at, '2026-03-01T09:00:00Z');
    await q.query(`UPDATE review SET repeat_of = $1, repeat_of_offered_at = offered_at - interval '28 days' WHERE id = $2`, [original.id, repeat.id]);
    await q.query(
      `INSERT INTO identified_risk (id, review_id, item_key, category, severity, reportable, found_at) VALUES ($1, $2, 'k', 'fire', 'high', true, now())`,
      [randomUUID(), original.id],
    );
    await q.query(`SELECT review_ensure_month_partitions('2026-01-01', '2026-05-01')`);
    await q.query(`UPDATE review SET offered_at = offered_at - interval '1 month' WHERE id = $1`, [original.id]);

    expect((await partitions(q)).get(original.id)).toBe('review_2026_01');
    const moved = new Date('2026-01-01T09:00:00Z');
    expect(await q.query(`SELECT offered_at FROM review_receipt WHERE review_id = $1`, [original.id])).toEqual([{ offered_at: moved }]);
    expect(await q.query(`SELECT review_offered_at FROM identified_risk WHERE review_id = $1`, [original.id])).toEqual([{ review_offered_at: moved }]);
    expect(await q.query(`SELECT repeat_of_offered_at FROM review WHERE id = $1`, [repeat.id])).toEqual([{ repeat_of_offered_at: moved }]);
    await expect(q.query(`UPDATE review SET client_id = $1 WHERE id = $2`, [randomUUID(), original.id])).rejects.toThrow(/client id does not change/);
  });

  it('gives a reference the review month when its writer does not, and refuses a month that is not the review’s', async () => {
    const q = await database();
    const at = await place(q);
    const r = await review(q, at, '2026-02-01T09:00:00Z');
    const risk = randomUUID();
    await q.query(
      `INSERT INTO identified_risk (id, review_id, item_key, category, severity, reportable, found_at) VALUES ($1, $2, 'k', 'fire', 'high', true, now())`,
      [risk, r.id],
    );
    expect(await q.query(`SELECT review_offered_at FROM identified_risk WHERE id = $1`, [risk])).toEqual([
      { review_offered_at: new Date('2026-02-01T09:00:00Z') },
    ]);
    await expect(
      q.query(
        `INSERT INTO identified_risk (id, review_id, review_offered_at, item_key, category, severity, reportable, found_at) VALUES ($1, $2, '2026-03-01', 'j', 'fire', 'high', true, now())`,
        [randomUUID(), r.id],
      ),
    ).rejects.toThrow(/identified_risk_review_fkey/);
  });

  it('makes the coming months ahead, leaves months that exist, and a month whose reviews sit in the default partition', async () => {
    const q = await database();
    const at = await place(q);
    const now = new Date();
    const month = (ahead: number) => {
      const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + ahead, 1));
      return `review_${d.getUTCFullYear()}_${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
    };
    const exists = async (name: string) => ((await q.query(`SELECT to_regclass($1) IS NOT NULL AS e`, [name])) as Array<{ e: boolean }>)[0]?.e;
    // The migration made four months ahead; a review six months ahead lands in the default partition.
    expect(await exists(month(REVIEW_PARTITION_MONTHS_AHEAD))).toBe(true);
    expect(await exists(month(REVIEW_PARTITION_MONTHS_AHEAD + 1))).toBe(false);
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + REVIEW_PARTITION_MONTHS_AHEAD + 2, 10));
    const early = await review(q, at, d.toISOString());
    expect((await partitions(q)).get(early.id)).toBe('review_default');

    // A month later the next month is made; the month of the review in the default partition is not.
    const later = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 2, 1));
    expect(await ensureReviewPartitions(q, later)).toBe(1);
    expect(await exists(month(REVIEW_PARTITION_MONTHS_AHEAD + 1))).toBe(true);
    expect(await exists(month(REVIEW_PARTITION_MONTHS_AHEAD + 2))).toBe(false);
    expect(await ensureReviewPartitions(q, later)).toBe(0);
    expect((await partitions(q)).get(early.id)).toBe('review_default');
    expect(await q.query(`SELECT id FROM review WHERE client_id = $1`, [early.clientId])).toEqual([{ id: early.id }]);
  });
});
