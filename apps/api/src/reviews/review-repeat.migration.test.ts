import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../migrations/index.js';
import { ReviewRepeat1764400000000 } from '../migrations/1764400000000-review-repeat.js';
import { createThrowawayDatabase, startEmbeddedDatabase, type DatabaseHandle } from '../shared/database.js';
import { openDataSource } from '../shared/data-source.js';
import { safetyTemplate } from '../../test/support/factories.js';

/*
 * Second reviews stored before repeats were linked: a database with the schema as it was (every
 * migration before the repeat link), filled the old way, then migrated to today's schema.
 */

let open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const item of open.reverse()) await item.close();
  open = [];
});

// Every migration before the repeat link; later ones may build on it.
const BEFORE = MIGRATIONS.slice(0, MIGRATIONS.indexOf(ReviewRepeat1764400000000));

async function databaseBeforeRepeats(): Promise<{ db: DatabaseHandle; old: DataSource }> {
  const url = process.env['DATABASE_URL'];
  const db = url ? await createThrowawayDatabase(url) : await startEmbeddedDatabase();
  open.push(db);
  const old = new DataSource({ type: 'postgres', url: db.url, migrations: BEFORE, migrationsTransactionMode: 'each', extra: { max: db.poolSize } });
  await old.initialize();
  await old.runMigrations();
  return { db, old };
}

async function place(q: DataSource) {
  const ids = {
    municipality: randomUUID(),
    administration: randomUUID(),
    unit: randomUUID(),
    area: randomUUID(),
    staff: randomUUID(),
    template: randomUUID(),
    version: randomUUID(),
    other: randomUUID(),
    otherVersion: randomUUID(),
  };
  await q.query(`INSERT INTO municipality (id, name, kommunkod) VALUES ($1, 'Kommun', '0999')`, [ids.municipality]);
  await q.query(`INSERT INTO administration (id, municipality_id, name) VALUES ($1, $2, 'Omsorg')`, [ids.administration, ids.municipality]);
  await q.query(`INSERT INTO unit (id, administration_id, name) VALUES ($1, $2, 'Hemtjänst')`, [ids.unit, ids.administration]);
  await q.query(`INSERT INTO area (id, municipality_id, code, name) VALUES ($1, $2, 'A', 'Område')`, [ids.area, ids.municipality]);
  await q.query(
    `INSERT INTO app_user (id, municipality_id, email, display_name, password_hash, role, unit_id) VALUES ($1, $2, 'p@k.se', 'Personal', 'x', 'staff', $3)`,
    [ids.staff, ids.municipality, ids.unit],
  );
  const definition = JSON.stringify(safetyTemplate());
  for (const [template, version, key] of [
    [ids.template, ids.version, 'sakerhet-hjalpbehov'],
    [ids.other, ids.otherVersion, 'fallprevention'],
  ] as const) {
    await q.query(`INSERT INTO checklist_template (id, municipality_id, key, title_sv, title_en) VALUES ($1, $2, $3, 'T', 'T')`, [
      template,
      ids.municipality,
      key,
    ]);
    await q.query(
      `INSERT INTO template_version (id, template_id, version, status, definition, created_by, published_at) VALUES ($1, $2, 1, 'published', $3, $4, now())`,
      [version, template, definition, ids.staff],
    );
  }
  return ids;
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
    const { db, old } = await databaseBeforeRepeats();
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

    const q = await openDataSource(db);
    open.push({ close: () => q.destroy() });
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
