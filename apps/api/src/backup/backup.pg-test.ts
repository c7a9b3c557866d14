import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seedForBackup, stateOf } from '../../test/support/backup-world.js';
import { directUrlOf } from '../../test/support/tool-database.js';
import { openDataSource } from '../shared/data-source.js';
import { createThrowawayDatabase } from '../shared/database.js';
import { backupPostgres, restorePostgres } from './backup.js';

/*
 * Issue 11 §6: a backup and restore round trip on PostgreSQL: pg_dump -Fc, pg_restore into a new database.
 * The tools reach the databases as the operator's would (`directUrlOf`): through PgBouncer their session
 * settings would stay on pooled connections, and the copy's migrations then found no schema.
 */

const server = process.env['DATABASE_URL'] as string;
const work = mkdtempSync(path.join(tmpdir(), 'hjulet-pg-backup-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a pg_dump backup', () => {
  it('restores with pg_restore into a new database with every table the same and the audit chain whole', { timeout: 300_000 }, async () => {
    const db = await createThrowawayDatabase(server);
    const copy = await createThrowawayDatabase(server);
    try {
      const dataSource = await seedForBackup(db);
      const before = await stateOf(dataSource);
      expect(before.tables['review']?.rows).toBeGreaterThan(0);
      expect(before.chain).toMatchObject({ ok: true, unchained: 0 });

      const file = path.join(work, 'hjulet.dump');
      await backupPostgres(directUrlOf(db.url), file);
      // Rows written after the backup are not in it: the copy is the database as it was.
      await dataSource.query(`INSERT INTO audit_event (action, entity_type) VALUES ('read', 'after_backup')`);
      await dataSource.destroy();

      await restorePostgres(file, directUrlOf(copy.url));
      const copySource = await openDataSource(copy);
      try {
        const after = await stateOf(copySource);
        expect(after.tables).toEqual(before.tables);
        expect(after.chain).toEqual(before.chain);
      } finally {
        await copySource.destroy();
      }
    } finally {
      await Promise.all([db.close(), copy.close()]);
    }
  });

  it('refuses to restore into a database that has data, leaving it as it was', { timeout: 300_000 }, async () => {
    const db = await createThrowawayDatabase(server);
    try {
      const dataSource = await seedForBackup(db);
      const file = path.join(work, 'again.dump');
      await backupPostgres(directUrlOf(db.url), file);
      const before = await stateOf(dataSource);
      await expect(restorePostgres(file, directUrlOf(db.url))).rejects.toThrow(/pg_restore exited/);
      expect(await stateOf(dataSource)).toEqual(before);
      await dataSource.destroy();
    } finally {
      await db.close();
    }
  });
});
