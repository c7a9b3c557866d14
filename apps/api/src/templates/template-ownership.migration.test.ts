import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { InitialSchema1764100000000 } from '../migrations/1764100000000-initial-schema.js';
import { createThrowawayDatabase, startEmbeddedDatabase, type DatabaseHandle } from '../shared/database.js';
import { openDataSource } from '../shared/data-source.js';
import { safetyTemplate } from '../../test/support/factories.js';

/*
 * Templates were global before they belonged to a municipality. These databases are made with the
 * schema as it was (the initial migration only), filled the way the old code filled them, and then
 * migrated to today's schema.
 */

let open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const item of open.reverse()) await item.close();
  open = [];
});

async function databaseBeforeOwnership(): Promise<{ db: DatabaseHandle; old: DataSource }> {
  const url = process.env['DATABASE_URL'];
  const db = url ? await createThrowawayDatabase(url) : await startEmbeddedDatabase();
  open.push(db);
  const old = new DataSource({ type: 'postgres', url: db.url, migrations: [InitialSchema1764100000000], extra: { max: db.poolSize } });
  await old.initialize();
  await old.runMigrations();
  return { db, old };
}

async function migrated(db: DatabaseHandle, old: DataSource): Promise<DataSource> {
  await old.destroy();
  const dataSource = await openDataSource(db);
  open.push({ close: () => dataSource.destroy() });
  return dataSource;
}

/** A municipality with one unit, one admin and one recipient, as the old schema stored them. */
async function municipality(q: DataSource, kommunkod: string) {
  const ids = {
    municipality: randomUUID(),
    administration: randomUUID(),
    unit: randomUUID(),
    area: randomUUID(),
    admin: randomUUID(),
    staff: randomUUID(),
    recipient: randomUUID(),
  };
  await q.query(`INSERT INTO municipality (id, name, kommunkod) VALUES ($1, $2, $3)`, [ids.municipality, `Kommun ${kommunkod}`, kommunkod]);
  await q.query(`INSERT INTO administration (id, municipality_id, name) VALUES ($1, $2, 'Omsorg')`, [ids.administration, ids.municipality]);
  await q.query(`INSERT INTO unit (id, administration_id, name) VALUES ($1, $2, 'Hemtjänst')`, [ids.unit, ids.administration]);
  await q.query(`INSERT INTO area (id, municipality_id, code, name) VALUES ($1, $2, 'A', 'Område')`, [ids.area, ids.municipality]);
  await q.query(`INSERT INTO app_user (id, municipality_id, email, display_name, password_hash, role) VALUES ($1, $2, $3, 'Admin', 'x', 'admin')`, [
    ids.admin,
    ids.municipality,
    `admin@${kommunkod}.se`,
  ]);
  await q.query(
    `INSERT INTO app_user (id, municipality_id, email, display_name, password_hash, role, unit_id) VALUES ($1, $2, $3, 'Personal', 'x', 'staff', $4)`,
    [ids.staff, ids.municipality, `staff@${kommunkod}.se`, ids.unit],
  );
  await q.query(`INSERT INTO care_recipient (id, municipality_id, reference, unit_id, area_id, housing_type) VALUES ($1, $2, 'R-1', $3, $4, 'house')`, [
    ids.recipient,
    ids.municipality,
    ids.unit,
    ids.area,
  ]);
  return ids;
}

/** The safety checklist as the old code stored it: a published version 1 and a draft version 2. */
async function globalTemplate(q: DataSource, createdBy: string) {
  const ids = { template: randomUUID(), v1: randomUUID(), v2: randomUUID() };
  const def = JSON.stringify(safetyTemplate());
  await q.query(`INSERT INTO checklist_template (id, key, title_sv, title_en) VALUES ($1, 'sakerhet-hjalpbehov', 'Säkerhet', 'Safety')`, [ids.template]);
  await q.query(
    `INSERT INTO template_version (id, template_id, version, status, definition, created_by, published_at) VALUES ($1, $2, 1, 'published', $3, $4, now())`,
    [ids.v1, ids.template, def, createdBy],
  );
  await q.query(`INSERT INTO template_version (id, template_id, version, status, definition, created_by) VALUES ($1, $2, 2, 'draft', $3, $4)`, [
    ids.v2,
    ids.template,
    def,
    createdBy,
  ]);
  return ids;
}

async function review(q: DataSource, place: Awaited<ReturnType<typeof municipality>>, versionId: string): Promise<string> {
  const id = randomUUID();
  await q.query(
    `INSERT INTO review (id, client_id, recipient_id, unit_id, area_id, template_version_id, status, performed_by, offered_at, performed_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'completed', $7, now(), now())`,
    [id, randomUUID(), place.recipient, place.unit, place.area, versionId, place.staff],
  );
  return id;
}

interface TemplateRow {
  id: string;
  municipality_id: string;
  administration_id: string | null;
}
const templates = (q: DataSource): Promise<TemplateRow[]> =>
  q.query(`SELECT id, municipality_id, administration_id FROM checklist_template ORDER BY created_at, id`);

describe('the migration that gives templates a municipality', () => {
  it('runs on an empty database and leaves the key unique per municipality', async () => {
    const { db, old } = await databaseBeforeOwnership();
    const q = await migrated(db, old);
    expect(await templates(q)).toEqual([]);
    const demo = await municipality(q, '0581');
    const other = await municipality(q, '0580');
    const insert = (m: string) =>
      q.query(`INSERT INTO checklist_template (id, municipality_id, key, title_sv, title_en) VALUES ($1, $2, 'samma', 'S', 'S')`, [randomUUID(), m]);
    await insert(demo.municipality);
    await insert(other.municipality);
    await expect(insert(demo.municipality)).rejects.toThrow(/duplicate key|unique/i);
  });

  it('gives every existing template to the one municipality there is, for all of it', async () => {
    const { db, old } = await databaseBeforeOwnership();
    const only = await municipality(old, '0180');
    const template = await globalTemplate(old, only.admin);
    const reviewId = await review(old, only, template.v1);
    const q = await migrated(db, old);
    expect(await templates(q)).toEqual([{ id: template.template, municipality_id: only.municipality, administration_id: null }]);
    expect(await q.query(`SELECT template_version_id FROM review WHERE id = $1`, [reviewId])).toEqual([{ template_version_id: template.v1 }]);
  });

  it('moves existing templates to the demo municipality and gives each other municipality its own copy, its reviews pointing at it', async () => {
    const { db, old } = await databaseBeforeOwnership();
    const other = await municipality(old, '0580');
    const demo = await municipality(old, '0581');
    // Written by the other municipality's admin: still the demo municipality keeps the original.
    const template = await globalTemplate(old, other.admin);
    const demoReview = await review(old, demo, template.v1);
    const otherReview = await review(old, other, template.v1);
    const q = await migrated(db, old);

    const rows = await templates(q);
    expect(rows).toHaveLength(2);
    expect(rows).toContainEqual({ id: template.template, municipality_id: demo.municipality, administration_id: null });
    const copy = rows.find((r) => r.municipality_id === other.municipality);
    expect(copy).toMatchObject({ administration_id: null });

    const versions: Array<{ id: string; version: number; status: string; same: boolean }> = await q.query(
      `SELECT c.id, c.version, c.status, c.definition = o.definition AND c.published_at IS NOT DISTINCT FROM o.published_at AS same
       FROM template_version c JOIN template_version o ON o.template_id = $2 AND o.version = c.version
       WHERE c.template_id = $1 ORDER BY c.version`,
      [copy?.id, template.template],
    );
    expect(versions.map((v) => [v.version, v.status, v.same])).toEqual([
      [1, 'published', true],
      [2, 'draft', true],
    ]);
    const copiedV1 = versions[0]?.id;
    expect(copiedV1).not.toBe(template.v1);

    const pinned = async (id: string) =>
      ((await q.query(`SELECT template_version_id FROM review WHERE id = $1`, [id])) as Array<{ template_version_id: string }>)[0]?.template_version_id;
    expect(await pinned(demoReview)).toBe(template.v1);
    expect(await pinned(otherReview)).toBe(copiedV1);
  });
});
