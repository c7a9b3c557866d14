import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seedForBackup, stateOf } from '../../test/support/backup-world.js';
import { openDataSource } from '../shared/data-source.js';
import { startEmbeddedDatabase } from '../shared/database.js';
import { backupEmbedded, restoreEmbedded } from './backup.js';

/* Issue 11 §6: a backup and restore round trip on the embedded database (PGlite's data folder as a tar). */

const work = mkdtempSync(path.join(tmpdir(), 'hjulet-backup-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a backup of the embedded database', () => {
  it('restores into a new folder with every table the same and the audit chain whole', { timeout: 300_000 }, async () => {
    const started = performance.now();
    const lap = (what: string) => console.info(`${what}: ${Math.round(performance.now() - started)} ms`);
    const original = path.join(work, 'original');
    const db = await startEmbeddedDatabase({ dataDir: original });
    const dataSource = await seedForBackup(db);
    const before = await stateOf(dataSource);
    await dataSource.destroy();
    await db.close();
    lap('seeded');
    expect(before.tables['review']?.rows).toBeGreaterThan(0);
    expect(before.chain).toMatchObject({ ok: true, unchained: 0 });
    expect(before.chain.checked).toBeGreaterThan(0);

    const file = path.join(work, 'hjulet.tar.gz');
    await backupEmbedded(original, file);
    const restored = path.join(work, 'restored');
    lap('backed up');
    await restoreEmbedded(file, restored);
    lap('restored');

    const copy = await startEmbeddedDatabase({ dataDir: restored });
    const copySource = await openDataSource(copy);
    try {
      const after = await stateOf(copySource);
      expect(after.tables).toEqual(before.tables);
      expect(after.chain).toEqual(before.chain);
      lap('compared');
    } finally {
      await copySource.destroy();
      await copy.close();
    }
  });

  it('never restores over data', async () => {
    await expect(restoreEmbedded(path.join(work, 'hjulet.tar.gz'), path.join(work, 'original'))).rejects.toThrow(/not empty/);
  });
});
