import { randomUUID } from 'node:crypto';
import { afterEach } from 'vitest';
import { DataSource, type MigrationInterface } from 'typeorm';
import { createThrowawayDatabase, startEmbeddedDatabase, type DatabaseHandle } from '../../src/shared/database.js';
import { openDataSource } from '../../src/shared/data-source.js';
import { safetyTemplate } from './factories.js';

type Migration = new () => MigrationInterface;

/**
 * Databases for a migration's test: made with the schema as it was (the migrations given), filled the way the
 * code of that time filled them, then migrated to today's schema. Everything opened is closed after each test.
 */
export function migrationDatabases() {
  let open: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    for (const item of open.reverse()) await item.close();
    open = [];
  });
  return {
    /** A new database with only these migrations run. */
    async at(migrations: Migration[]): Promise<{ db: DatabaseHandle; old: DataSource }> {
      const url = process.env['DATABASE_URL'];
      const db = url ? await createThrowawayDatabase(url) : await startEmbeddedDatabase();
      open.push(db);
      const old = new DataSource({ type: 'postgres', url: db.url, migrations, migrationsTransactionMode: 'each', extra: { max: db.poolSize } });
      await old.initialize();
      open.push({ close: async () => void (old.isInitialized && (await old.destroy())) });
      await old.runMigrations();
      return { db, old };
    },
    /** The same database migrated to today's schema, as the API opens it. */
    async migrated(db: DatabaseHandle): Promise<DataSource> {
      const dataSource = await openDataSource(db);
      open.push({ close: () => dataSource.destroy() });
      return dataSource;
    },
  };
}

/** Takes `migration` back: first every migration run after it, newest first, then the migration itself. */
export async function undoThrough(q: DataSource, migration: Migration): Promise<void> {
  const { name } = new migration();
  for (;;) {
    const [last]: Array<{ name: string }> = await q.query(`SELECT name FROM migrations ORDER BY timestamp DESC LIMIT 1`);
    if (!last) throw new Error(`${name} was never run`);
    await q.undoLastMigration({ transaction: 'each' });
    if (last.name === name) return;
  }
}

/** One municipality with an administration, a unit, an area and a staff member, as plain rows. */
export async function organisationRows(q: DataSource) {
  const ids = { municipality: randomUUID(), administration: randomUUID(), unit: randomUUID(), area: randomUUID(), staff: randomUUID() };
  await q.query(`INSERT INTO municipality (id, name, kommunkod) VALUES ($1, 'Kommun', '0999')`, [ids.municipality]);
  await q.query(`INSERT INTO administration (id, municipality_id, name) VALUES ($1, $2, 'Omsorg')`, [ids.administration, ids.municipality]);
  await q.query(`INSERT INTO unit (id, administration_id, name) VALUES ($1, $2, 'Hemtjänst')`, [ids.unit, ids.administration]);
  await q.query(`INSERT INTO area (id, municipality_id, code, name) VALUES ($1, $2, 'A', 'Område')`, [ids.area, ids.municipality]);
  await q.query(
    `INSERT INTO app_user (id, municipality_id, email, display_name, password_hash, role, unit_id) VALUES ($1, $2, 'p@k.se', 'Personal', 'x', 'staff', $3)`,
    [ids.staff, ids.municipality, ids.unit],
  );
  return ids;
}

/** A published version of the safety checklist under its own template key; answers the version's id. */
export async function publishedTemplateRow(q: DataSource, ids: { municipality: string; staff: string }, key: string): Promise<string> {
  const [template, version] = [randomUUID(), randomUUID()];
  await q.query(`INSERT INTO checklist_template (id, municipality_id, key, title_sv, title_en) VALUES ($1, $2, $3, 'T', 'T')`, [
    template,
    ids.municipality,
    key,
  ]);
  await q.query(
    `INSERT INTO template_version (id, template_id, version, status, definition, created_by, published_at) VALUES ($1, $2, 1, 'published', $3, $4, now())`,
    [version, template, JSON.stringify(safetyTemplate()), ids.staff],
  );
  return version;
}
