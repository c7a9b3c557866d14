import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { MIGRATIONS } from '../migrations/index.js';
import { ReviewRepeat1764400000000 } from '../migrations/1764400000000-review-repeat.js';
import { migrationDatabases, organisationRows, publishedTemplateRow } from '../../test/support/migration-world.js';

/*
 * Second reviews stored before repeats were linked: a database with the schema as it was (every
 * migration before the repeat link), filled the old way, then migrated to today's schema.
 */

const databases = migrationDatabases();

// Every migration before the repeat link; later ones may build on it.
const BEFORE = MIGRATIONS.slice(0, MIGRATIONS.indexOf(ReviewRepeat1764400000000));

async function place(q: DataSource) {
  const ids = await organisationRows(q);
  return {
    ...ids,
    version: await publishedTemplateRow(q, ids, 'sakerhet-hjalpbehov'),
    otherVersion: await publishedTemplateRow(q, ids, 'fallprevention'),
  };
}

async function recipient(q: DataSource, ids: Awaited<ReturnType<typeof place>>, reference: string): Promise<string> {
  const id = randomUUID();
  await q.query(`INSERT INTO care_recipient (id, municipality_id, reference, unit_id, area_id, housing_type) VALUES ($1, $2, $3, $4, $5, 'house')`, [
    id,
    ids.municipality,
    reference,
    ids.unit,
    ids.area,
  ]);
  return id;
}

async function review(
  q: DataSource,
  ids: Awaited<ReturnType<typeof place>>,
  recipientId: string,
  offeredAt: string,
  status: 'completed' | 'declined' | 'offered' = 'completed',
  versionId = ids.version,
): Promise<string> {
  const id = randomUUID();
  await q.query(
    `INSERT INTO review (id, client_id, recipient_id, unit_id, area_id, template_version_id, status, decline_reason, performed_by, offered_at, performed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::timestamptz, CASE WHEN $7 = 'offered' THEN NULL ELSE $10::timestamptz END)`,
    [id, randomUUID(), recipientId, ids.unit, ids.area, versionId, status, status === 'declined' ? 'Vill inte' : null, ids.staff, offeredAt],
  );
  return id;
}

describe('the migration that links repeated reviews', () => {
  it('links each later finished review of a recipient, checklist and year to the first, and leaves the rest alone', async () => {
    const { db, old } = await databases.at(BEFORE);
    const ids = await place(old);
    const [anna, bo] = [await recipient(old, ids, 'R-1'), await recipient(old, ids, 'R-2')];
    const first = await review(old, ids, anna, '2021-02-01T10:00:00Z', 'declined');
    const second = await review(old, ids, anna, '2021-06-01T10:00:00Z');
    const third = await review(old, ids, anna, '2021-09-01T10:00:00Z');
    const unfinished = await review(old, ids, anna, '2021-10-01T10:00:00Z', 'offered');
    const otherChecklist = await review(old, ids, anna, '2021-07-01T10:00:00Z', 'completed', ids.otherVersion);
    const nextYear = await review(old, ids, anna, '2022-03-01T10:00:00Z');
    const someoneElse = await review(old, ids, bo, '2021-06-01T10:00:00Z');
    await old.destroy();

    const q = await databases.migrated(db);
    const rows: Array<{ id: string; repeat_of: string | null; repeat_reason: string | null }> = await q.query(
      `SELECT id, repeat_of, repeat_reason FROM review`,
    );
    const linked = new Map(rows.map((r) => [r.id, r.repeat_of]));
    expect(Object.fromEntries([first, second, third, unfinished, otherChecklist, nextYear, someoneElse].map((id) => [id, linked.get(id)]))).toEqual({
      [first]: null,
      [second]: first,
      [third]: first,
      [unfinished]: null,
      [otherChecklist]: null,
      [nextYear]: null,
      [someoneElse]: null,
    });
    expect(rows.every((r) => r.repeat_reason === null)).toBe(true);
  });
});
