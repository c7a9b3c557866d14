import type { DataSource } from 'typeorm';
import { createServices } from '../../src/services.js';
import { loadConfig } from '../../src/shared/config.js';
import { openDataSource } from '../../src/shared/data-source.js';
import type { DatabaseHandle } from '../../src/shared/database.js';
import { seedDemo } from '../../src/seed/demo-seed.js';
import { tableFingerprints } from '../../src/backup/table-fingerprints.js';
import { verifyChain } from '../../src/audit/audit-chain.js';

/** A migrated, seeded database with its audit log chained: what a backup must bring back. */
export async function seedForBackup(db: DatabaseHandle): Promise<DataSource> {
  const dataSource = await openDataSource(db);
  const services = createServices(dataSource, loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }));
  await seedDemo(dataSource, services, { recipientCount: 12 });
  await services.audit.chainPending();
  return dataSource;
}

/** The fingerprints of every table and the audit chain's verdict, read from a DataSource. */
export async function stateOf(dataSource: DataSource) {
  const query = (sql: string, params?: unknown[]) => dataSource.query(sql, params) as Promise<Array<Record<string, unknown>>>;
  return { tables: await tableFingerprints(query), chain: await verifyChain(query) };
}
