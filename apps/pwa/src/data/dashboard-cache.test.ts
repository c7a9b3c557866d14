import { deleteDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { clearLastViews, readLastView, saveLastView } from './dashboard-cache.js';
import { DB_NAME, openHjuletDb, resetDbConnection } from './db.js';

afterEach(async () => {
  (await openHjuletDb()).close();
  resetDbConnection();
  await deleteDB(DB_NAME);
});

describe('the last dashboard view', () => {
  it('is kept per user and view with its time, and forgotten at logout', async () => {
    await saveLastView('u1', 'dashboard', { coverage: 0.5 }, '2026-11-26T10:00:00.000Z');
    await saveLastView('u2', 'dashboard', { coverage: 0.9 });
    expect(await readLastView('u1', 'dashboard')).toEqual({ fetchedAt: '2026-11-26T10:00:00.000Z', data: { coverage: 0.5 } });
    await clearLastViews('u1');
    expect(await readLastView('u1', 'dashboard')).toBeUndefined();
    expect((await readLastView<{ coverage: number }>('u2', 'dashboard'))?.data.coverage).toBe(0.9);
  });
});
